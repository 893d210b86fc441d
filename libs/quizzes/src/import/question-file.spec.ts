import { QuestionKind } from '../quiz.enums';
import { parseQuestionFile, QuestionFileFormat } from './question-file';

describe('parseQuestionFile', () => {
  it('reads Chinese headers, kinds, subjects and answer lists from CSV', () => {
    const csv = '\uFEFF题型,题干,选项A,选项B,选项C,答案,解析,科目,难度,标签\n单选,题一,甲,乙,丙,B,因为,党纪,2,节日|廉洁\n填空,题二,,,,政治|政治纪律,,法律法规,1,\n';
    const rows = parseQuestionFile(QuestionFileFormat.CSV, csv);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ line: 2, data: { kind: QuestionKind.SINGLE_CHOICE, options: ['甲', '乙', '丙', '', '', '', '', ''], answer: ['B'], subject: 'PARTY_DISCIPLINE', difficulty: 2, tags: ['节日', '廉洁'] } });
    expect(rows[1].data).toMatchObject({ kind: QuestionKind.FILL_BLANK, answer: ['政治', '政治纪律'], subject: 'LAWS_AND_REGULATIONS' });
  });

  it('refuses a file without a required column, naming it', () => {
    expect(() => parseQuestionFile(QuestionFileFormat.CSV, '题型,题干\n单选,x')).toThrow('content: line 1 lacks the column 答案 (answer)');
  });

  it('reads a JSON array and reports a non-object item at its place', () => {
    const rows = parseQuestionFile(QuestionFileFormat.JSON, JSON.stringify([{ kind: 'TRUE_FALSE', stem: 's', answer: false, subject: 'PARTY_STYLE', difficulty: 1 }, 5]));
    expect(rows[0].data).toMatchObject({ kind: 'TRUE_FALSE', answer: ['false'] });
    expect(rows[1]).toMatchObject({ line: 2, problems: [{ field: 'item', message: 'must be an object' }] });
  });

  it('names broken JSON', () => {
    expect(() => parseQuestionFile(QuestionFileFormat.JSON, '[{')).toThrow(/content: could not be read as JSON/);
  });
});
