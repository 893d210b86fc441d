import { BadUserInputException } from '@qinglian/common';
import { QuestionKind } from '../quiz.enums';

export interface QuestionOption {
  key: string;
  text: string;
}

/** The answer key as stored. */
export type AnswerKey =
  | { correct: string[] } // SINGLE_CHOICE (one key), MULTIPLE_CHOICE
  | { truth: boolean } // TRUE_FALSE
  | { accepted: string[] } // FILL_BLANK
  | { reference: string | null }; // SHORT_ANSWER (a model answer for the grader)

/** A cadre's answer, with options as original keys. */
export interface StoredResponse {
  choices?: string[];
  truth?: boolean;
  text?: string;
}

/** A cadre's answer as sent: options by the labels shown (A, B, C... in the attempt's order). */
export interface ResponseInput {
  choices?: string[] | null;
  truth?: boolean | null;
  text?: string | null;
}

export const OPTION_KEYS = 'ABCDEFGH'.split('');

/**
 * Fill-in answers compare after NFKC (full-width letters, digits, punctuation
 * and the ideographic space become their half-width forms), trimming,
 * collapsing inner spaces and ignoring case.
 */
export function normaliseBlank(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Shown label (A, B...) of each original key, for an attempt's option order. */
export function labelsFor(order: string[]): Map<string, string> {
  return new Map(order.map((key, i) => [key, OPTION_KEYS[i]]));
}

/** Turns the labels a cadre picked into original keys; refuses labels the question does not show. */
export function toStoredResponse(kind: QuestionKind, order: string[], input: ResponseInput): StoredResponse {
  switch (kind) {
    case QuestionKind.SINGLE_CHOICE:
    case QuestionKind.MULTIPLE_CHOICE: {
      if (!Array.isArray(input.choices)) throw BadUserInputException.field('choices', 'pick the option(s) by their letters (an empty list clears the answer)');
      const choices = [...new Set(input.choices.map((c) => c.trim().toUpperCase()))];
      if (kind === QuestionKind.SINGLE_CHOICE && choices.length > 1) throw BadUserInputException.field('choices', 'pick one option');
      const byLabel = new Map(order.map((key, i) => [OPTION_KEYS[i], key]));
      const unknown = choices.filter((c) => !byLabel.has(c));
      if (unknown.length) throw BadUserInputException.field('choices', `${unknown.join(', ')} is not an option of this question (options ${[...byLabel.keys()].join(', ')})`);
      return { choices: choices.map((c) => byLabel.get(c)!).sort() };
    }
    case QuestionKind.TRUE_FALSE:
      if (typeof input.truth !== 'boolean') throw BadUserInputException.field('truth', 'answer true or false');
      return { truth: input.truth };
    case QuestionKind.FILL_BLANK:
    case QuestionKind.SHORT_ANSWER: {
      if (typeof input.text !== 'string') throw BadUserInputException.field('text', 'write the answer as text');
      const text = input.text.trim();
      const limit = kind === QuestionKind.FILL_BLANK ? 200 : 5000;
      if (text.length > limit) throw BadUserInputException.field('text', `must be at most ${limit} characters`);
      return { text };
    }
  }
}

/** The stored response in the labels of this attempt. */
export function toShownResponse(response: StoredResponse | null, order: string[]): ResponseInput | null {
  if (!response) return null;
  if (response.choices) {
    const labels = labelsFor(order);
    return { choices: response.choices.map((k) => labels.get(k) ?? '?').sort() };
  }
  return { truth: response.truth ?? null, text: response.text ?? null };
}

/** Whether an answer is right; null for a short answer (a trainer decides). */
export function isCorrect(kind: QuestionKind, key: AnswerKey, response: StoredResponse | null): boolean | null {
  if (kind === QuestionKind.SHORT_ANSWER) return null;
  if (!response) return false;
  switch (kind) {
    case QuestionKind.SINGLE_CHOICE:
    case QuestionKind.MULTIPLE_CHOICE: {
      const correct = [...(key as { correct: string[] }).correct].sort();
      const given = [...(response.choices ?? [])].sort();
      return correct.length === given.length && correct.every((k, i) => k === given[i]);
    }
    case QuestionKind.TRUE_FALSE:
      return response.truth === (key as { truth: boolean }).truth;
    case QuestionKind.FILL_BLANK: {
      const text = normaliseBlank(response.text ?? '');
      return text !== '' && (key as { accepted: string[] }).accepted.some((a) => normaliseBlank(a) === text);
    }
  }
}

/** The correct answer in the labels of this attempt (for review). */
export function shownAnswer(kind: QuestionKind, key: AnswerKey, order: string[]): string[] {
  switch (kind) {
    case QuestionKind.SINGLE_CHOICE:
    case QuestionKind.MULTIPLE_CHOICE: {
      const labels = labelsFor(order);
      return (key as { correct: string[] }).correct.map((k) => labels.get(k) ?? k).sort();
    }
    case QuestionKind.TRUE_FALSE:
      return [(key as { truth: boolean }).truth ? 'TRUE' : 'FALSE'];
    case QuestionKind.FILL_BLANK:
      return (key as { accepted: string[] }).accepted;
    case QuestionKind.SHORT_ANSWER:
      return (key as { reference: string | null }).reference ? [(key as { reference: string }).reference] : [];
  }
}

/** Fisher-Yates with a supplied random source (crypto in production). */
export function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
