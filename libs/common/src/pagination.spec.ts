import { BadUserInputException, ErrorCode } from './domain.exception';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeCursor, encodeCursor, pageSize, toPage } from './pagination';

function thrown(fn: () => unknown): BadUserInputException {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputException);
    return error as BadUserInputException;
  }
  throw new Error('expected a BadUserInputException');
}

describe('encodeCursor / decodeCursor', () => {
  it('round-trips a cursor whose sort value is Chinese text', () => {
    const cursor = { sort: '廉政教育：警示片《镜鉴》', id: '0b8f6a7e-3c1d-4e5f-9a2b-1c3d5e7f9a0b' };

    const encoded = encodeCursor(cursor);

    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it('produces a URL-safe string', () => {
    const encoded = encodeCursor({ sort: '青莲?>>>~~~', id: 'id/with+chars' });
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('round-trips empty strings and quotes', () => {
    const cursor = { sort: '', id: 'a"b\\c' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('refuses a tampered cursor, naming the after argument', () => {
    const encoded = encodeCursor({ sort: '2024-03-01', id: 'u1' });
    const tampered = (encoded[0] === 'X' ? 'Y' : 'X') + encoded.slice(1);

    const error = thrown(() => decodeCursor(tampered));

    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toMatch(/^after: /);
    expect(error.fields).toEqual([{ field: 'after', message: 'is not a cursor returned by this list' }]);
  });

  it('refuses a truncated cursor', () => {
    const encoded = encodeCursor({ sort: '2024-03-01', id: 'u1' });
    expect(() => decodeCursor(encoded.slice(0, -4))).toThrow(BadUserInputException);
  });

  it.each([
    ['an object', { sort: 'a', id: 'b' }],
    ['a one-element array', ['a']],
    ['a three-element array', ['a', 'b', 'c']],
    ['a non-string id', ['a', 1]],
    ['null', null],
  ])('refuses valid JSON that is %s', (_, payload) => {
    const value = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    expect(() => decodeCursor(value)).toThrow(BadUserInputException);
  });

  it('refuses garbage and names a custom field', () => {
    const error = thrown(() => decodeCursor('!!!not-a-cursor', 'before'));
    expect(error.message).toMatch(/^before: /);
    expect(error.fields[0].field).toBe('before');
  });
});

describe('pageSize', () => {
  it('defaults to 20 when first is missing or null', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(pageSize({})).toBe(20);
    expect(pageSize({ first: null })).toBe(20);
  });

  it('accepts the bounds 1 and 100', () => {
    expect(MAX_PAGE_SIZE).toBe(100);
    expect(pageSize({ first: 1 })).toBe(1);
    expect(pageSize({ first: 100 })).toBe(100);
  });

  it.each([0, 101, -1, 2.5, Number.NaN])('refuses first = %p, naming first', (first) => {
    const error = thrown(() => pageSize({ first }));

    expect(error.message).toBe('first: must be between 1 and 100');
    expect(error.fields).toEqual([{ field: 'first', message: 'must be between 1 and 100' }]);
  });

  it('names a custom field', () => {
    expect(thrown(() => pageSize({ first: 0 }, 'last')).fields[0].field).toBe('last');
  });
});

describe('toPage', () => {
  interface Row {
    id: string;
    title: string;
  }
  const rows: Row[] = [
    { id: 'r1', title: '甲' },
    { id: 'r2', title: '乙' },
    { id: 'r3', title: '丙' },
  ];
  const cursorOf = (row: Row) => ({ sort: row.title, id: row.id });

  it('with size + 1 rows drops the extra row, sets hasNextPage and points endCursor at the last kept row', () => {
    const page = toPage(rows, 2, 7, cursorOf);

    expect(page.nodes).toEqual([rows[0], rows[1]]);
    expect(page.hasNextPage).toBe(true);
    expect(page.totalCount).toBe(7);
    expect(page.endCursor).toBe(encodeCursor({ sort: '乙', id: 'r2' }));
    expect(decodeCursor(page.endCursor!)).toEqual({ sort: '乙', id: 'r2' });
  });

  it('with exactly size rows has no next page', () => {
    const page = toPage(rows, 3, 3, cursorOf);

    expect(page.nodes).toEqual(rows);
    expect(page.hasNextPage).toBe(false);
    expect(page.endCursor).toBe(encodeCursor({ sort: '丙', id: 'r3' }));
  });

  it('with fewer rows than size has no next page', () => {
    const page = toPage(rows.slice(0, 1), 5, 1, cursorOf);

    expect(page.nodes).toEqual([rows[0]]);
    expect(page.hasNextPage).toBe(false);
    expect(page.endCursor).toBe(encodeCursor({ sort: '甲', id: 'r1' }));
  });

  it('with no rows has a null endCursor', () => {
    const page = toPage<Row>([], 20, 0, cursorOf);

    expect(page).toEqual({ nodes: [], totalCount: 0, hasNextPage: false, endCursor: null });
  });
});
