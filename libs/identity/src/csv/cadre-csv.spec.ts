import { BadUserInputException } from '@qinglian/common';
import { CadreRank, CadreTier } from '../identity.enums';
import { EXTRA_CELLS, MAX_IMPORT_ROWS, parseCadreCsv, parseDate, parseRank, parseTier, parseYesNo } from './cadre-csv';

function csvError(content: string): BadUserInputException {
  try {
    parseCadreCsv(content);
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputException);
    return error as BadUserInputException;
  }
  throw new Error('parseCadreCsv accepted an invalid file');
}

describe('parseCadreCsv', () => {
  it('maps Chinese headers to fields', () => {
    const rows = parseCadreCsv('姓名,手机,单位,层级\n李明,13800138000,市纪委,新任职\n');

    expect(rows).toEqual([
      { line: 2, values: { name: '李明', phone: '13800138000', unit: '市纪委', tier: '新任职' } },
    ]);
  });

  it('maps English headers to fields, case-insensitively and with spaces as underscores', () => {
    const rows = parseCadreCsv('Name,Email,Unit,Tier,Is Leading,Appointment Date\nLi Ming,li@example.cn,Audit Office,ON_JOB,yes,2024-03-01\n');

    expect(rows).toEqual([
      {
        line: 2,
        values: {
          name: 'Li Ming',
          email: 'li@example.cn',
          unit: 'Audit Office',
          tier: 'ON_JOB',
          isLeading: 'yes',
          appointmentDate: '2024-03-01',
        },
      },
    ]);
  });

  it('accepts alternative Chinese header spellings', () => {
    const rows = parseCadreCsv('姓名,手机号码,所在单位,干部类别,配偶姓名,配偶电话\n王芳,13900139000,区财政局,后备干部,张强,13700137000\n');

    expect(rows[0].values).toEqual({
      name: '王芳',
      phone: '13900139000',
      unit: '区财政局',
      tier: '后备干部',
      spouseName: '张强',
      spousePhone: '13700137000',
    });
  });

  it('ignores a UTF-8 BOM at the start of the file', () => {
    const rows = parseCadreCsv('\uFEFF姓名,手机,单位\n李明,13800138000,市纪委\n');

    expect(rows).toHaveLength(1);
    expect(rows[0].values.name).toBe('李明');
  });

  it('trims cells and leaves empty cells out of values', () => {
    const rows = parseCadreCsv('姓名,手机,邮箱,单位\n  李明 , 13800138000 ,, 市纪委 \n');

    expect(rows[0].values).toEqual({ name: '李明', phone: '13800138000', unit: '市纪委' });
    expect(rows[0].values).not.toHaveProperty('email');
  });

  it('numbers rows by their line in the file (header is line 1)', () => {
    const rows = parseCadreCsv('姓名,手机,单位\n甲,13800138001,市纪委\n乙,13800138002,市纪委\n');

    expect(rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('skips blank lines but keeps line numbers true to the file', () => {
    const rows = parseCadreCsv('姓名,手机,单位\n甲,13800138001,市纪委\n\n乙,13800138002,市纪委\n');

    expect(rows.map((r) => r.values.name)).toEqual(['甲', '乙']);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('handles CRLF line endings', () => {
    const rows = parseCadreCsv('姓名,手机,单位\r\n甲,13800138001,市纪委\r\n乙,13800138002,市纪委');

    expect(rows.map((r) => [r.line, r.values.name, r.values.unit])).toEqual([
      [2, '甲', '市纪委'],
      [3, '乙', '市纪委'],
    ]);
  });

  it('keeps a newline inside a quoted cell; the next record is numbered by its real file line', () => {
    const rows = parseCadreCsv('姓名,手机,单位\n甲,13800138001,"市纪委\n第一室"\n乙,13800138002,市纪委\n');

    expect(rows).toHaveLength(2);
    expect(rows[0].values.unit).toBe('市纪委\n第一室');
    // csv-parse's info.lines is the line on which a record ENDS: the two-line
    // record starting on line 2 is reported as line 3.
    expect(rows[0].line).toBe(3);
    expect(rows[1].line).toBe(4);
  });

  it('marks a row with extra non-empty cells', () => {
    const rows = parseCadreCsv('姓名,手机,单位\n甲,13800138001,市纪委,多余\n乙,13800138002,市纪委,\n');

    expect(rows[0].values[EXTRA_CELLS]).toBe('4');
    expect(rows[0].values.name).toBe('甲');
    expect(rows[1].values[EXTRA_CELLS]).toBeUndefined();
  });

  it('accepts a short row, leaving the missing cells out', () => {
    const rows = parseCadreCsv('姓名,手机,单位,层级\n甲,13800138001\n');

    expect(rows[0].values).toEqual({ name: '甲', phone: '13800138001' });
  });

  it('returns no rows for a header-only file', () => {
    expect(parseCadreCsv('姓名,手机,单位\n')).toEqual([]);
  });

  it('refuses an unknown header column and names it', () => {
    const error = csvError('姓名,手机,单位,身份证号\n甲,13800138001,市纪委,110101199001011234\n');

    expect(error.message).toContain('"身份证号"');
    expect(error.message).toContain('unknown column');
    expect(error.fields).toEqual([expect.objectContaining({ field: 'csv' })]);
  });

  it('refuses a file without the 单位 column and names it', () => {
    const error = csvError('姓名,手机\n甲,13800138001\n');

    expect(error.message).toContain('单位');
    expect(error.message).toContain('unit');
  });

  it('refuses a file without the 姓名 column and names it', () => {
    const error = csvError('手机,单位\n13800138001,市纪委\n');

    expect(error.message).toContain('姓名');
  });

  it('refuses a file with neither a phone nor an email column', () => {
    const error = csvError('姓名,单位,层级\n甲,市纪委,在职\n');

    expect(error.message).toMatch(/手机/);
    expect(error.message).toMatch(/邮箱/);
  });

  it('refuses a header that names the same field twice', () => {
    const error = csvError('姓名,手机,手机号,单位\n甲,13800138001,13800138001,市纪委\n');

    expect(error.message).toContain('"phone" twice');
  });

  it('refuses an empty file', () => {
    expect(csvError('').message).toContain('is empty');
    expect(csvError('\n\n').message).toContain('is empty');
  });

  it('refuses broken quoting', () => {
    const error = csvError('姓名,手机,单位\n"甲,13800138001,市纪委\n');

    expect(error.message).toContain('could not be read as CSV');
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows`, () => {
    const body = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `c${i},1${String(3800000000 + i)},u`).join('\n');
    const error = csvError(`姓名,手机,单位\n${body}\n`);

    expect(error.message).toContain(`has ${MAX_IMPORT_ROWS + 1} rows`);
  });
});

describe('parseTier', () => {
  it.each([
    ['新任职', CadreTier.NEW_APPOINTEE],
    ['新提任干部', CadreTier.NEW_APPOINTEE],
    ['后备', CadreTier.RESERVE],
    ['后备干部', CadreTier.RESERVE],
    ['在职', CadreTier.ON_JOB],
    ['ON_JOB', CadreTier.ON_JOB],
    ['on_job', CadreTier.ON_JOB],
    ['retired', CadreTier.RETIRED],
    ['退休干部', CadreTier.RETIRED],
    [' new_appointee ', CadreTier.NEW_APPOINTEE],
  ])('parses %p as %s', (raw, expected) => {
    expect(parseTier(raw)).toBe(expected);
  });

  it.each(['xyz', '', '干部'])('returns null for %p', (raw) => {
    expect(parseTier(raw)).toBeNull();
  });
});

describe('parseRank', () => {
  it.each([
    ['正处级', CadreRank.DIVISION],
    ['正处', CadreRank.DIVISION],
    ['DIVISION', CadreRank.DIVISION],
    ['division', CadreRank.DIVISION],
    ['副处级', CadreRank.DEPUTY_DIVISION],
    ['副科', CadreRank.DEPUTY_SECTION],
    ['科员', CadreRank.STAFF],
    ['正厅级', CadreRank.BUREAU],
    ['deputy_bureau', CadreRank.DEPUTY_BUREAU],
  ])('parses %p as %s', (raw, expected) => {
    expect(parseRank(raw)).toBe(expected);
  });

  it.each(['处长', 'xyz', ''])('returns null for %p', (raw) => {
    expect(parseRank(raw)).toBeNull();
  });
});

describe('parseYesNo', () => {
  it.each(['是', 'Y', 'y', 'yes', 'TRUE', '1', '√'])('reads %p as yes', (raw) => {
    expect(parseYesNo(raw)).toBe(true);
  });

  it.each(['否', 'N', 'no', 'false', '0', '', '  '])('reads %p as no', (raw) => {
    expect(parseYesNo(raw)).toBe(false);
  });

  it.each(['maybe', '2', '不是'])('returns null for %p', (raw) => {
    expect(parseYesNo(raw)).toBeNull();
  });
});

describe('parseDate', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['2024/3/1', '2024-03-01'],
    ['2024.3.1', '2024-03-01'],
    ['2024年3月1日', '2024-03-01'],
    ['2024年3月1', '2024-03-01'],
    [' 2024 年 12 月 31 日 ', '2024-12-31'],
    ['2024-02-29', '2024-02-29'],
  ])('parses %p as %s', (raw, expected) => {
    expect(parseDate(raw)).toBe(expected);
  });

  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-03-00', '24-3-1', '2024-03', 'yesterday', ''])(
    'returns null for %p',
    (raw) => {
      expect(parseDate(raw)).toBeNull();
    },
  );
});
