import { BadUserInputException } from './domain.exception';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** A keyset position: the sort value and the id of the last row of a page. */
export interface KeysetCursor {
  sort: string;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(value: string, field = 'after'): KeysetCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { sort: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw BadUserInputException.field(field, 'is not a cursor returned by this list');
}

export function pageSize(request: PageRequest, field = 'first'): number {
  const first = request.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw BadUserInputException.field(field, `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/**
 * Builds a page from rows fetched with `limit = size + 1`, ordered by (sort, id).
 */
export function toPage<T>(rows: T[], size: number, totalCount: number, cursorOf: (row: T) => KeysetCursor): Page<T> {
  const hasNextPage = rows.length > size;
  const nodes = hasNextPage ? rows.slice(0, size) : rows;
  const last = nodes[nodes.length - 1];
  return { nodes, totalCount, hasNextPage, endCursor: last ? encodeCursor(cursorOf(last)) : null };
}
