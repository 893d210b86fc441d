import { saveBlob } from '../../../lib/http';

/**
 * CSV in the browser: files the administrator downloads (UTF-8 with BOM, so
 * spreadsheet programs read the Chinese right) and a first look at a file
 * before it is sent.
 */

function cell(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function downloadCsv(filename: string, rows: (string | number | null | undefined)[][]): void {
  saveBlob(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), filename);
}

/**
 * Reads a chosen file as text: UTF-8 (with or without BOM) when it is valid
 * UTF-8, else GBK, as spreadsheet programs on Chinese Windows save "CSV".
 */
export async function readCsvFile(file: Blob): Promise<{ text: string; encoding: 'UTF-8' | 'GBK' }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'GBK' };
  }
}

/** The columns of a cadre import file, with the headers the API accepts for each (libs/identity/src/csv/cadre-csv.ts). */
export const CADRE_COLUMNS = [
  { field: 'name', headers: ['姓名', 'name'], required: true },
  { field: 'phone', headers: ['手机', '手机号', '手机号码', 'phone', 'mobile'], required: false },
  { field: 'email', headers: ['邮箱', '电子邮箱', 'email', 'e-mail'], required: false },
  { field: 'unit', headers: ['单位', '所在单位', 'unit'], required: true },
  { field: 'tier', headers: ['层级', '干部类别', 'tier'], required: false },
  { field: 'isLeading', headers: ['领导干部', '是否领导干部', 'leading', 'is_leading'], required: false },
  { field: 'rank', headers: ['职级', 'rank'], required: false },
  { field: 'appointmentDate', headers: ['任职日期', 'appointment_date', 'appointmentdate'], required: false },
  { field: 'spouseName', headers: ['配偶姓名', 'spouse_name', 'spousename'], required: false },
  { field: 'spousePhone', headers: ['配偶手机', '配偶电话', 'spouse_phone', 'spousephone'], required: false },
  { field: 'spouseEmail', headers: ['配偶邮箱', 'spouse_email', 'spouseemail'], required: false },
] as const;

export type CadreField = (typeof CADRE_COLUMNS)[number]['field'];

/** Splits one CSV line (quotes honoured) into cells. */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

export interface HeaderCheck {
  /** The recognised fields, in file order. */
  fields: CadreField[];
  unknown: string[];
  duplicated: CadreField[];
  missing: CadreField[];
  needsLogin: boolean;
  /** Lines after the header that are not blank (quoted line breaks may make this a little high). */
  dataLines: number;
}

/** The same checks of the header the API makes, so a wrong file is caught before it is sent. */
export function checkHeader(text: string): HeaderCheck | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return null;
  const titles = splitLine(lines[first]);
  const fields: CadreField[] = [];
  const unknown: string[] = [];
  for (const title of titles) {
    if (!title) continue;
    const key = title.toLowerCase();
    const spaced = key.replace(/\s+/g, '_');
    const column = CADRE_COLUMNS.find((c) => (c.headers as readonly string[]).some((h) => h.toLowerCase() === key || h.toLowerCase() === spaced));
    if (column) fields.push(column.field);
    else unknown.push(title);
  }
  const duplicated = fields.filter((f, i) => fields.indexOf(f) !== i);
  const missing = CADRE_COLUMNS.filter((c) => c.required && !fields.includes(c.field)).map((c) => c.field);
  return {
    fields,
    unknown,
    duplicated,
    missing,
    needsLogin: !fields.includes('phone') && !fields.includes('email'),
    dataLines: lines.slice(first + 1).filter((l) => l.trim() !== '').length,
  };
}
