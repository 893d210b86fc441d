/** PostgreSQL SQLSTATE 23505: a unique index or constraint refused the row. */
export function isUniqueViolation(error: unknown): error is { code: '23505'; constraint?: string } {
  return (error as { code?: string } | null)?.code === '23505';
}

/** Escapes %, _ and \ for a LIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
