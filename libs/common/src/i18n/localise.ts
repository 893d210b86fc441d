import type { FieldProblem } from '../domain.exception';
import type { Language } from './language';
import { MESSAGES_ZH, RUNTIME_MESSAGES_ZH, VALUES_ZH } from './messages.zh-CN';

/**
 * Translation of the API's English messages, by a catalogue keyed by the
 * English text as the code writes it (messages.zh-CN.ts). A key may hold
 * placeholders `${name}` for the values a template message fills in; the
 * Chinese text places them where Chinese needs them. `${name:kind}` also
 * translates the value:
 *
 * - `msg`: another message of the catalogue (a field's message inside "field: message");
 * - `field`: a field name (letters, digits, dots), kept as it is;
 * - `time`: an instant (ISO 8601, or the tours' "2026/11/03 14:00 (Asia/Shanghai)") as Beijing time;
 * - `list`: "a, b, c" joined the Chinese way;
 * - `plural`: an English plural ending, dropped;
 * - `fields`: the listing of the error's field problems ("title: must not be empty; ..."), translated field by field;
 * - any key of VALUES_ZH (`entity`, `tourStatus`, `tiers`, ...): looked up there;
 *   a value not found is kept as it is.
 */

interface Pattern {
  key: string;
  regex: RegExp;
  placeholders: { name: string; kind?: string }[];
  zh: string;
  /** Characters outside placeholders: longer literal text is more specific and tried first. */
  weight: number;
}

interface Context {
  fields?: readonly FieldProblem[];
}

const PLACEHOLDER = /\$\{(\w+)(?::(\w+))?\}/g;
/** What a placeholder matches: any text, or what its kind allows. */
function capture(kind: string | undefined): string {
  if (kind === 'field') return '([A-Za-z_][\\w.\\[\\]]*)';
  return (kind && VALUES_ZH[kind]?.capture) || '([\\s\\S]*?)';
}

/** Every entry of the catalogue: the messages from the source and those made at run time. */
export const CATALOGUE_ZH: Readonly<Record<string, string>> = { ...RUNTIME_MESSAGES_ZH, ...MESSAGES_ZH };

const exact = new Map<string, string>();
const patterns: Pattern[] = [];
for (const [key, zh] of Object.entries(CATALOGUE_ZH)) {
  const placeholders = [...key.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1], kind: m[2] }));
  if (!placeholders.length) {
    exact.set(key, zh);
    continue;
  }
  const literals = key.split(PLACEHOLDER).filter((_, i) => i % 3 === 0);
  const source = literals.map(escapeRegExp).reduce((acc, literal, i) => acc + capture(placeholders[i - 1].kind) + literal);
  patterns.push({ key, regex: new RegExp(`^${source}$`), placeholders, zh, weight: literals.join('').length });
}
patterns.sort((a, b) => b.weight - a.weight || a.placeholders.length - b.placeholders.length);

/** The Chinese of an English message, or null when the catalogue has none (or one of its parts has none). */
export function translateToChinese(message: string, context: Context = {}): string | null {
  return translation(message, context, 0)?.zh ?? null;
}

/** The catalogue key that translates a message (for the tests: which entries the source still uses). */
export function catalogueKeyOf(message: string): string | null {
  return translation(message, {}, 0)?.key ?? null;
}

function translation(message: string, context: Context, depth: number): { key: string; zh: string } | null {
  const found = exact.get(message);
  if (found !== undefined) return { key: message, zh: found };
  if (depth > 4) return null;
  for (const pattern of patterns) {
    const match = pattern.regex.exec(message);
    if (!match) continue;
    const values = new Map<string, string>();
    const complete = pattern.placeholders.every(({ name, kind }, i) => {
      const value = renderValue(match[i + 1], kind, context, depth);
      if (value !== null) values.set(name, value);
      return value !== null;
    });
    if (complete) return { key: pattern.key, zh: pattern.zh.replace(PLACEHOLDER, (_, name: string) => values.get(name) ?? '') };
  }
  return null;
}

/** A message in the caller's language (the English message when no translation exists). */
export function localise(message: string, language: Language, context: Context = {}): string {
  if (language === 'en') return message;
  return translateToChinese(message, context) ?? message;
}

/** Field problems in the caller's language; the field names stay. */
export function localiseProblems<T extends FieldProblem>(problems: readonly T[], language: Language): T[] {
  return problems.map((p) => ({ ...p, message: localise(p.message, language) }));
}

/**
 * A domain error's message and details (its extensions) in the caller's
 * language: the message, and the messages of `details.fields`; everything
 * else (codes, reasons, field names, values) stays as it is.
 */
export function localiseError(message: string, details: Record<string, unknown>, language: Language): { message: string; details: Record<string, unknown> } {
  if (language === 'en') return { message, details };
  const fields = Array.isArray(details.fields) ? (details.fields as FieldProblem[]) : undefined;
  const localised = fields && message === listing(fields) ? chineseListing(fields) : localise(message, language, { fields });
  return { message: localised, details: fields ? { ...details, fields: localiseProblems(fields, language) } : details };
}

/** How BadUserInputException lists its fields in its message. */
export function listing(fields: readonly FieldProblem[]): string {
  return fields.map((f) => `${f.field}: ${f.message}`).join('; ');
}

function chineseListing(fields: readonly FieldProblem[]): string {
  return fields.map((f) => `${f.field}：${translation(f.message, {}, 1)?.zh ?? f.message}`).join('；');
}

function renderValue(raw: string, kind: string | undefined, context: Context, depth: number): string | null {
  switch (kind) {
    case undefined:
    case 'field':
      return raw;
    case 'msg':
      return translation(raw, context, depth + 1)?.zh ?? null;
    case 'fields':
      // "field: message; ..." or "field message; ..."
      return context.fields?.length && (raw === listing(context.fields) || raw === context.fields.map((f) => `${f.field} ${f.message}`).join('; ')) ? chineseListing(context.fields) : null;
    case 'time':
      return beijingTime(raw);
    case 'list':
      return raw.split(', ').join('、');
    case 'plural':
      return '';
    default: {
      const values = VALUES_ZH[kind];
      if (!values) throw new Error(`unknown placeholder kind ${kind}`);
      return values.render(raw);
    }
  }
}

const BEIJING = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** "2026-11-03 14:00" in Beijing time, as the web app shows instants. */
function beijingTime(raw: string): string {
  const tours = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}:\d{2}) \(Asia\/Shanghai\)$/.exec(raw);
  if (tours) return `${tours[1]}-${tours[2]}-${tours[3]} ${tours[4]}`;
  const at = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? new Date(raw) : null;
  return at && !Number.isNaN(at.getTime()) ? BEIJING.format(at) : raw;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
