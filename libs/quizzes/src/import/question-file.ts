import { BadUserInputException, FieldProblem } from '@qinglian/common';
import { CourseSubject } from '@qinglian/courses';
import { parse } from 'csv-parse/sync';
import { QuestionData } from '../grading/question-definition';
import { QuestionKind } from '../quiz.enums';

export enum QuestionFileFormat {
  CSV = 'CSV',
  JSON = 'JSON',
}

export interface QuestionFileRow {
  /** CSV: the line the row starts on; JSON: the item's place in the array, from 1. */
  line: number;
  data: QuestionData;
  problems: FieldProblem[];
}

export const MAX_QUESTION_ROWS = 5_000;

/** Columns of a question CSV; each accepts its Chinese or English header. Options are 选项A..选项H (optionA..optionH). */
const COLUMNS: Record<string, string[]> = {
  kind: ['题型', 'kind', 'type'],
  stem: ['题干', 'stem', 'question'],
  answer: ['答案', 'answer'],
  explanation: ['解析', 'explanation'],
  source: ['出处', '依据', 'source'],
  subject: ['科目', '主题', 'subject'],
  difficulty: ['难度', 'difficulty'],
  tags: ['标签', 'tags'],
};

const KIND_WORDS: Record<string, QuestionKind> = {
  单选: QuestionKind.SINGLE_CHOICE,
  单选题: QuestionKind.SINGLE_CHOICE,
  多选: QuestionKind.MULTIPLE_CHOICE,
  多选题: QuestionKind.MULTIPLE_CHOICE,
  判断: QuestionKind.TRUE_FALSE,
  判断题: QuestionKind.TRUE_FALSE,
  填空: QuestionKind.FILL_BLANK,
  填空题: QuestionKind.FILL_BLANK,
  简答: QuestionKind.SHORT_ANSWER,
  简答题: QuestionKind.SHORT_ANSWER,
};

const SUBJECT_WORDS: Record<string, CourseSubject> = {
  党性: CourseSubject.PARTY_SPIRIT,
  党风: CourseSubject.PARTY_STYLE,
  党纪: CourseSubject.PARTY_DISCIPLINE,
  法律法规: CourseSubject.LAWS_AND_REGULATIONS,
  理想信念: CourseSubject.IDEALS_AND_BELIEFS,
  职业道德: CourseSubject.PROFESSIONAL_ETHICS,
  家风: CourseSubject.FAMILY_VIRTUE,
  警示案例: CourseSubject.WARNING_CASES,
};

function toKind(value: string): QuestionKind {
  const v = value.trim();
  return KIND_WORDS[v] ?? (v.toUpperCase() as QuestionKind);
}

function toSubject(value: string): CourseSubject {
  const v = value.trim();
  return SUBJECT_WORDS[v] ?? (v.toUpperCase() as CourseSubject);
}

const splitList = (value: string) => value.split(/[|｜;；]/).map((s) => s.trim()).filter(Boolean);

export function parseQuestionFile(format: QuestionFileFormat, content: string): QuestionFileRow[] {
  const rows = format === QuestionFileFormat.JSON ? parseJson(content) : parseCsv(content);
  if (rows.length > MAX_QUESTION_ROWS) throw BadUserInputException.field('content', `holds ${rows.length} questions; import at most ${MAX_QUESTION_ROWS} at a time`);
  return rows;
}

function parseCsv(content: string): QuestionFileRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    throw BadUserInputException.field('content', `could not be read as CSV: ${(error as Error).message}`);
  }
  if (!records.length) throw BadUserInputException.field('content', 'is empty: the first line must name the columns (题型,题干,选项A,选项B,...,答案,解析,科目,难度,标签,出处)');
  const header = records[0].record.map((h) => h.trim());
  const fields = header.map((title) => {
    const lower = title.toLowerCase();
    const option = /^(?:选项|option)\s*([a-h])$/i.exec(title);
    if (option) return `option${option[1].toUpperCase()}`;
    return Object.entries(COLUMNS).find(([, names]) => names.some((n) => n.toLowerCase() === lower))?.[0] ?? null;
  });
  const unknown = header.filter((h, i) => h && !fields[i]);
  if (unknown.length) throw BadUserInputException.field('content', `line 1 has unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}`);
  for (const required of ['kind', 'stem', 'answer', 'subject', 'difficulty']) {
    if (!fields.includes(required)) throw BadUserInputException.field('content', `line 1 lacks the column ${COLUMNS[required][0]} (${required})`);
  }
  return records.slice(1).map(({ record, info }) => {
    const value = (field: string) => record[fields.indexOf(field)] ?? '';
    const options = 'ABCDEFGH'.split('').map((k) => value(`option${k}`));
    const problems: FieldProblem[] = [];
    const difficulty = Number(value('difficulty'));
    const kind = toKind(value('kind'));
    return {
      line: info.lines,
      problems,
      data: {
        kind,
        stem: value('stem'),
        options,
        // a fill-in answer lists alternatives with |; choices may be "ACD" or "A|C|D"
        answer: splitList(value('answer')),
        explanation: value('explanation'),
        source: value('source') || null,
        subject: toSubject(value('subject')),
        difficulty: Number.isFinite(difficulty) ? difficulty : Number.NaN,
        tags: splitList(value('tags')),
      },
    };
  });
}

function parseJson(content: string): QuestionFileRow[] {
  let items: unknown;
  try {
    items = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw BadUserInputException.field('content', `could not be read as JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(items)) throw BadUserInputException.field('content', 'must be a JSON array of questions');
  return items.map((item, i) => {
    const problems: FieldProblem[] = [];
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problems.push({ field: 'item', message: 'must be an object' });
      return { line: i + 1, problems, data: {} as QuestionData };
    }
    const o = item as Record<string, unknown>;
    const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? splitList(v) : []);
    return {
      line: i + 1,
      problems,
      data: {
        kind: toKind(String(o.kind ?? '')),
        stem: String(o.stem ?? ''),
        options: Array.isArray(o.options) ? o.options.map(String) : [],
        answer: typeof o.answer === 'boolean' ? [String(o.answer)] : list(o.answer),
        explanation: o.explanation == null ? null : String(o.explanation),
        source: o.source == null ? null : String(o.source),
        subject: toSubject(String(o.subject ?? '')),
        difficulty: Number(o.difficulty),
        tags: list(o.tags),
      },
    };
  });
}
