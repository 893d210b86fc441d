import { BadUserInputException } from '@qinglian/common';
import { QuestionKind } from '../quiz.enums';
import { isCorrect, normaliseBlank, shownAnswer, shuffled, toShownResponse, toStoredResponse } from './answers';

describe('normaliseBlank', () => {
  it('treats full-width and half-width forms, surrounding spaces and case alike', () => {
    expect(normaliseBlank('　ＡＢＣ１２３　')).toBe('abc123');
    expect(normaliseBlank(' 八项  规定 ')).toBe('八项 规定');
    expect(normaliseBlank('（政治）')).toBe(normaliseBlank('(政治)'));
  });
});

describe('grading', () => {
  // shown order: C, A, D, B -> labels A, B, C, D
  const order = ['C', 'A', 'D', 'B'];

  it('maps the labels a cadre picked back to the original keys', () => {
    expect(toStoredResponse(QuestionKind.SINGLE_CHOICE, order, { choices: ['b'] })).toEqual({ choices: ['A'] });
    expect(toStoredResponse(QuestionKind.MULTIPLE_CHOICE, order, { choices: ['A', 'C', 'A'] })).toEqual({ choices: ['C', 'D'] });
    expect(toShownResponse({ choices: ['C', 'D'] }, order)).toEqual({ choices: ['A', 'C'] });
  });

  it('refuses labels the question does not show, and two picks on a single choice', () => {
    expect(() => toStoredResponse(QuestionKind.SINGLE_CHOICE, order, { choices: ['E'] })).toThrow('choices: E is not an option of this question (options A, B, C, D)');
    expect(() => toStoredResponse(QuestionKind.SINGLE_CHOICE, order, { choices: ['A', 'B'] })).toThrow(BadUserInputException);
    expect(() => toStoredResponse(QuestionKind.TRUE_FALSE, [], {})).toThrow('truth: answer true or false');
  });

  it('grades a multiple choice only when the set is exactly right', () => {
    const key = { correct: ['A', 'B', 'C'] };
    expect(isCorrect(QuestionKind.MULTIPLE_CHOICE, key, { choices: ['C', 'B', 'A'] })).toBe(true);
    expect(isCorrect(QuestionKind.MULTIPLE_CHOICE, key, { choices: ['A', 'B'] })).toBe(false);
    expect(isCorrect(QuestionKind.MULTIPLE_CHOICE, key, { choices: ['A', 'B', 'C', 'D'] })).toBe(false);
    expect(isCorrect(QuestionKind.MULTIPLE_CHOICE, key, null)).toBe(false);
  });

  it('accepts any listed fill-in answer after normalising, and never an empty one', () => {
    const key = { accepted: ['政治', '政治纪律'] };
    expect(isCorrect(QuestionKind.FILL_BLANK, key, { text: ' 政治纪律 ' })).toBe(true);
    expect(isCorrect(QuestionKind.FILL_BLANK, { accepted: ['CPC'] }, { text: 'ｃｐｃ' })).toBe(true);
    expect(isCorrect(QuestionKind.FILL_BLANK, key, { text: '组织' })).toBe(false);
    expect(isCorrect(QuestionKind.FILL_BLANK, key, { text: '' })).toBe(false);
  });

  it('leaves short answers to a trainer', () => {
    expect(isCorrect(QuestionKind.SHORT_ANSWER, { reference: null }, { text: '...' })).toBeNull();
  });

  it('shows the correct answer in the labels of the attempt', () => {
    expect(shownAnswer(QuestionKind.SINGLE_CHOICE, { correct: ['A'] }, order)).toEqual(['B']);
    expect(shownAnswer(QuestionKind.TRUE_FALSE, { truth: false }, [])).toEqual(['FALSE']);
  });

  it('shuffles without losing or repeating options', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const out = shuffled(['A', 'B', 'C', 'D', 'E'], random);
    expect([...out].sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(out).not.toEqual(['A', 'B', 'C', 'D', 'E']);
  });
});
