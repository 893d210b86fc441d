import { useCallback, useState } from 'react';

interface PagesState {
  key: string | undefined;
  /** The cursor that starts each page seen so far (undefined for the first). */
  starts: (string | undefined)[];
  size: number;
}

/**
 * Keyset pages over the API's `first`/`after` connections: the cursor that
 * starts each page seen so far is kept, so a list steps forward and back
 * without guessing. A new `resetKey` (the filters, serialised) or `reset()`
 * goes back to page 1; so does a new page size.
 */
export function useCursorPages({ resetKey, size = 20 }: { resetKey?: string; size?: number } = {}) {
  const [state, setState] = useState<PagesState>({ key: resetKey, starts: [undefined], size });
  const current = state.key === resetKey ? state : { key: resetKey, starts: [undefined], size: state.size };
  if (current !== state) setState(current);
  const next = useCallback(
    (endCursor: string | null | undefined) => {
      if (endCursor) setState((s) => ({ ...s, key: resetKey, starts: [...(s.key === resetKey ? s.starts : [undefined]), endCursor] }));
    },
    [resetKey],
  );
  const prev = useCallback(() => setState((s) => ({ ...s, starts: s.starts.length > 1 ? s.starts.slice(0, -1) : s.starts })), []);
  const reset = useCallback(() => setState((s) => ({ ...s, starts: [undefined] })), []);
  const setSize = useCallback((n: number) => setState((s) => ({ ...s, starts: [undefined], size: n })), []);
  return {
    page: current.starts.length,
    after: current.starts[current.starts.length - 1],
    /** The page size, as the `first` argument. */
    first: current.size,
    next,
    prev,
    reset,
    setSize,
  };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

/** The page sizes offered where a list can be long (users, the audit log). */
export const PAGE_SIZES = [20, 50, 100];
