import { parse } from 'csv-parse/sync';
import { BadUserInputException } from '@qinglian/common';
import { CadreRank, CadreTier, RANK_LABELS_ZH, TIER_LABELS_ZH } from '../identity.enums';

/** The columns of a cadre import file; each accepts its Chinese or English header. */
export const CADRE_CSV_COLUMNS = {
  name: ['姓名', 'name'],
  phone: ['手机', '手机号', '手机号码', 'phone', 'mobile'],
  email: ['邮箱', '电子邮箱', 'email', 'e-mail'],
  unit: ['单位', '所在单位', 'unit'],
  tier: ['层级', '干部类别', 'tier'],
  isLeading: ['领导干部', '是否领导干部', 'leading', 'is_leading'],
  rank: ['职级', 'rank'],
  appointmentDate: ['任职日期', 'appointment_date', 'appointmentdate'],
  spouseName: ['配偶姓名', 'spouse_name', 'spousename'],
  spousePhone: ['配偶手机', '配偶电话', 'spouse_phone', 'spousephone'],
  spouseEmail: ['配偶邮箱', 'spouse_email', 'spouseemail'],
} as const;

export type CadreCsvField = keyof typeof CADRE_CSV_COLUMNS;

export interface CadreCsvRow {
  line: number;
  values: Partial<Record<CadreCsvField, string>>;
}

export const MAX_IMPORT_ROWS = 10_000;

/**
 * Parses an import file (UTF-8, with or without BOM, comma separated, header
 * row first). Problems with the file as a whole (no header, unknown or missing
 * columns, broken quoting) refuse the whole file; everything row-level is left
 * to the caller so good rows still go in.
 */
export function parseCadreCsv(content: string): CadreCsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw BadUserInputException.field('csv', `could not be read as CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw BadUserInputException.field('csv', 'is empty: the first line must name the columns (姓名,手机,邮箱,单位,层级,...)');

  const header = records[0].record;
  const fields: (CadreCsvField | null)[] = header.map((title) => headerField(title));
  const unknown = header.filter((_, i) => fields[i] === null && header[i] !== '');
  if (unknown.length) {
    throw BadUserInputException.field('csv', `line 1 has unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}; known columns: ${knownColumns()}`);
  }
  const duplicated = fields.filter((f, i) => f && fields.indexOf(f) !== i);
  if (duplicated.length) throw BadUserInputException.field('csv', `line 1 names the column "${duplicated[0]}" twice`);
  for (const required of ['name', 'unit'] as const) {
    if (!fields.includes(required)) throw BadUserInputException.field('csv', `line 1 lacks the required column ${CADRE_CSV_COLUMNS[required][0]} (${required})`);
  }
  if (!fields.includes('phone') && !fields.includes('email')) {
    throw BadUserInputException.field('csv', 'line 1 needs a 手机 (phone) or 邮箱 (email) column: cadres sign in with one of them');
  }
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    throw BadUserInputException.field('csv', `has ${records.length - 1} rows; split it into files of at most ${MAX_IMPORT_ROWS}`);
  }

  return records.slice(1).map(({ record, info }) => {
    const values: Partial<Record<CadreCsvField, string>> = {};
    fields.forEach((field, i) => {
      if (field && record[i] !== undefined && record[i] !== '') values[field] = record[i];
    });
    if (record.length > header.length && record.slice(header.length).some((v) => v !== '')) {
      values[EXTRA_CELLS] = String(record.length);
    }
    return { line: info.lines, values };
  });
}

/** Marker on a row with more cells than the header has columns. */
export const EXTRA_CELLS = '__extra' as CadreCsvField;

function headerField(title: string): CadreCsvField | null {
  const key = title.trim().toLowerCase().replace(/\s+/g, '_');
  for (const [field, names] of Object.entries(CADRE_CSV_COLUMNS)) {
    if ((names as readonly string[]).some((n) => n.toLowerCase() === key || n.toLowerCase() === title.trim().toLowerCase())) {
      return field as CadreCsvField;
    }
  }
  return null;
}

function knownColumns(): string {
  return Object.values(CADRE_CSV_COLUMNS).map((names) => `${names[0]}/${names.find((n) => /^[a-z]/.test(n))}`).join(', ');
}

const TIER_WORDS: Record<string, CadreTier> = {
  ...Object.fromEntries(Object.values(CadreTier).map((t) => [t.toLowerCase(), t])),
  ...Object.fromEntries(Object.entries(TIER_LABELS_ZH).map(([t, zh]) => [zh, t as CadreTier])),
  新任职干部: CadreTier.NEW_APPOINTEE,
  新提任: CadreTier.NEW_APPOINTEE,
  新提任干部: CadreTier.NEW_APPOINTEE,
  后备干部: CadreTier.RESERVE,
  在职干部: CadreTier.ON_JOB,
  在岗: CadreTier.ON_JOB,
  退休干部: CadreTier.RETIRED,
};

export function parseTier(value: string): CadreTier | null {
  return TIER_WORDS[value.trim().toLowerCase()] ?? TIER_WORDS[value.trim()] ?? null;
}

const RANK_WORDS: Record<string, CadreRank> = {
  ...Object.fromEntries(Object.values(CadreRank).map((r) => [r.toLowerCase(), r])),
  ...Object.fromEntries(Object.entries(RANK_LABELS_ZH).map(([r, zh]) => [zh, r as CadreRank])),
  ...Object.fromEntries(Object.entries(RANK_LABELS_ZH).map(([r, zh]) => [zh.replace(/级$/, ''), r as CadreRank])),
};

export function parseRank(value: string): CadreRank | null {
  return RANK_WORDS[value.trim().toLowerCase()] ?? RANK_WORDS[value.trim()] ?? null;
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '']);

export function parseYesNo(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

/** Accepts 2024-03-01, 2024/3/1, 2024.3.1 and 2024年3月1日; returns YYYY-MM-DD. */
export function parseDate(value: string): string | null {
  const m = value.trim().match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}
