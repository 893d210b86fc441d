import type { ValueTransformer } from 'typeorm';

/** PostgreSQL numeric arrives as a string (to keep precision); class hours fit a JavaScript number. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
