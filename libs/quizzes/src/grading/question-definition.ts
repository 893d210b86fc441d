import { FieldProblem } from '@qinglian/common';
import { CourseSubject } from '@qinglian/courses';
import { QuestionKind } from '../quiz.enums';
import { AnswerKey, OPTION_KEYS, QuestionOption } from './answers';

/** A question as a trainer writes it (form, CSV row or JSON object). */
export interface QuestionData {
  kind: QuestionKind;
  stem: string;
  /** Option texts in order; they get the keys A, B, C... */
  options?: string[] | null;
  /**
   * Choice: the keys of the correct options ("B", or "A","C"; "ACD" also works).
   * True/false: TRUE or FALSE (对/错, 正确/错误, √/× work too).
   * Fill-in: every accepted answer. Short answer: an optional model answer.
   */
  answer: string[];
  explanation?: string | null;
  source?: string | null;
  subject: CourseSubject;
  difficulty: number;
  tags?: string[] | null;
}

export interface QuestionDefinition {
  kind: QuestionKind;
  stem: string;
  options: QuestionOption[];
  answer: AnswerKey;
  explanation: string;
  source: string | null;
  subject: CourseSubject;
  difficulty: number;
  tags: string[];
}

const TRUE_WORDS = ['TRUE', 'T', '对', '正确', '是', '√', 'Y', 'YES'];
const FALSE_WORDS = ['FALSE', 'F', '错', '错误', '否', '×', 'N', 'NO'];

/** Validates a question; returns its definition or every problem, each naming its field. */
export function defineQuestion(data: QuestionData): { definition?: QuestionDefinition; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  if (!Object.values(QuestionKind).includes(data.kind)) problem('kind', `must be one of ${Object.values(QuestionKind).join(', ')}`);
  const stem = (data.stem ?? '').trim();
  if (!stem) problem('stem', 'must not be empty');
  if (stem.length > 5000) problem('stem', 'must be at most 5000 characters');
  if (!Object.values(CourseSubject).includes(data.subject)) problem('subject', `must be one of ${Object.values(CourseSubject).join(', ')}`);
  if (!Number.isInteger(data.difficulty) || data.difficulty < 1 || data.difficulty > 5) problem('difficulty', 'must be a whole number from 1 to 5');
  const tags = [...new Set((data.tags ?? []).map((t) => t.trim()).filter(Boolean))];
  if (tags.length > 20 || tags.some((t) => t.length > 40)) problem('tags', 'at most 20 tags of at most 40 characters');
  const explanation = (data.explanation ?? '').trim();
  if (explanation.length > 5000) problem('explanation', 'must be at most 5000 characters');
  const source = data.source?.trim() || null;
  if (source && source.length > 300) problem('source', 'must be at most 300 characters');
  const answers = (data.answer ?? []).map((a) => String(a).trim()).filter(Boolean);

  let options: QuestionOption[] = [];
  let answer: AnswerKey | undefined;
  const choice = data.kind === QuestionKind.SINGLE_CHOICE || data.kind === QuestionKind.MULTIPLE_CHOICE;
  if (choice) {
    const texts = (data.options ?? []).map((o) => o.trim());
    while (texts.length && !texts[texts.length - 1]) texts.pop();
    const blank = texts.findIndex((t) => !t);
    if (blank >= 0) problem('options', `option ${OPTION_KEYS[blank]} is empty`);
    if (texts.length < 2 || texts.length > OPTION_KEYS.length) problem('options', `a choice question needs 2 to ${OPTION_KEYS.length} options`);
    if (new Set(texts).size !== texts.length) problem('options', 'two options have the same text');
    options = texts.map((text, i) => ({ key: OPTION_KEYS[i], text }));
    // "ACD" and "A,C,D" both name three options
    const keys = [...new Set(answers.flatMap((a) => (/^[A-Ha-h]+$/.test(a) ? a.toUpperCase().split('') : [a.toUpperCase()])))].sort();
    const unknown = keys.filter((k) => !options.some((o) => o.key === k));
    if (!keys.length) problem('answer', 'name the correct option(s), e.g. B');
    else if (unknown.length) problem('answer', `${unknown.join(', ')} is not one of the options ${options.map((o) => o.key).join(', ')}`);
    else if (data.kind === QuestionKind.SINGLE_CHOICE && keys.length !== 1) problem('answer', 'a single-choice question has exactly one correct option');
    else if (data.kind === QuestionKind.MULTIPLE_CHOICE && keys.length < 2) problem('answer', 'a multiple-choice question has at least two correct options');
    else answer = { correct: keys };
  } else if (data.options?.some((o) => o.trim())) {
    problem('options', `only choice questions have options, not ${data.kind}`);
  }
  if (data.kind === QuestionKind.TRUE_FALSE) {
    const word = (answers[0] ?? '').toUpperCase();
    if (answers.length !== 1 || (!TRUE_WORDS.includes(word) && !FALSE_WORDS.includes(word))) problem('answer', 'must be TRUE or FALSE (对/错)');
    else answer = { truth: TRUE_WORDS.includes(word) };
  }
  if (data.kind === QuestionKind.FILL_BLANK) {
    if (!answers.length) problem('answer', 'give at least one accepted answer');
    else if (answers.some((a) => a.length > 200)) problem('answer', 'accepted answers are at most 200 characters');
    else answer = { accepted: answers };
  }
  if (data.kind === QuestionKind.SHORT_ANSWER) answer = { reference: answers.join('\n') || null };

  if (problems.length || !answer) return { problems };
  return {
    problems,
    definition: { kind: data.kind, stem, options, answer, explanation, source, subject: data.subject, difficulty: data.difficulty, tags },
  };
}
