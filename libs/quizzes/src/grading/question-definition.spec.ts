import { CourseSubject } from '@qinglian/courses';
import { QuestionKind } from '../quiz.enums';
import { defineQuestion, QuestionData } from './question-definition';

const base = (over: Partial<QuestionData>): QuestionData => ({
  kind: QuestionKind.SINGLE_CHOICE,
  stem: '党纪处分的种类不包括：',
  options: ['警告', '严重警告', '罚款'],
  answer: ['C'],
  subject: CourseSubject.PARTY_DISCIPLINE,
  difficulty: 2,
  ...over,
});

describe('defineQuestion', () => {
  it('keys options A, B, C and stores the correct key', () => {
    const { definition } = defineQuestion(base({}));
    expect(definition!.options).toEqual([
      { key: 'A', text: '警告' },
      { key: 'B', text: '严重警告' },
      { key: 'C', text: '罚款' },
    ]);
    expect(definition!.answer).toEqual({ correct: ['C'] });
  });

  it('reads "ACD" as three keys for a multiple choice', () => {
    const { definition } = defineQuestion(base({ kind: QuestionKind.MULTIPLE_CHOICE, options: ['a', 'b', 'c', 'd'], answer: ['ACD'] }));
    expect(definition!.answer).toEqual({ correct: ['A', 'C', 'D'] });
  });

  it('reads 对/错 for true or false', () => {
    expect(defineQuestion(base({ kind: QuestionKind.TRUE_FALSE, options: [], answer: ['错'] })).definition!.answer).toEqual({ truth: false });
    expect(defineQuestion(base({ kind: QuestionKind.TRUE_FALSE, options: [], answer: ['√'] })).definition!.answer).toEqual({ truth: true });
  });

  it('reports every problem with its field', () => {
    const { definition, problems } = defineQuestion(base({ stem: ' ', difficulty: 9, answer: ['E'], options: ['甲', '', '丙'] }));
    expect(definition).toBeUndefined();
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'stem', message: 'must not be empty' },
        { field: 'difficulty', message: 'must be a whole number from 1 to 5' },
        { field: 'options', message: 'option B is empty' },
      ]),
    );
  });

  it('refuses a single choice with two answers and a multiple choice with one', () => {
    expect(defineQuestion(base({ answer: ['AB'] })).problems).toEqual([{ field: 'answer', message: 'a single-choice question has exactly one correct option' }]);
    expect(defineQuestion(base({ kind: QuestionKind.MULTIPLE_CHOICE, answer: ['A'] })).problems).toEqual([{ field: 'answer', message: 'a multiple-choice question has at least two correct options' }]);
  });

  it('refuses options on a fill-in question', () => {
    expect(defineQuestion(base({ kind: QuestionKind.FILL_BLANK, answer: ['政治'] })).problems).toEqual([{ field: 'options', message: 'only choice questions have options, not FILL_BLANK' }]);
  });
});
