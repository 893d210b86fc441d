import { OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';
import { DataSource } from 'typeorm';

const CREATE_Q = 'mutation($i: QuestionInput!) { createQuestion(input: $i) { id familyId version } }';
const CREATE_QUIZ = 'mutation($i: QuizInput!) { createQuiz(input: $i) { id } }';
const PUBLISH = 'mutation($id: ID!) { publishQuiz(id: $id) { status } }';
const ITEM = 'position kind stem options { label text } points response { choices truth text } review { correct score correctAnswer explanation source comment }';
const ATTEMPT = `id number status deadlineAt score maxScore percent passed reviewAvailable items { ${ITEM} }`;
const START = `mutation($q: ID!) { startQuizAttempt(quizId: $q) { ${ATTEMPT} } }`;
const SAVE = `mutation($a: ID!, $p: Int!, $ans: AnswerInput!, $seq: Int) { saveQuizAnswer(attemptId: $a, position: $p, answer: $ans, seq: $seq) { ${ITEM} } }`;
const SUBMIT = `mutation($a: ID!) { submitQuizAttempt(attemptId: $a) { ${ATTEMPT} } }`;
const VIEW = `query($a: ID!) { quizAttempt(id: $a) { ${ATTEMPT} } }`;

const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

describe('quizzes: question bank, drawing, autosave, grading and no answer leakage', () => {
  let api: TestApi;
  let org: OrgFixture;
  let trainer: string;
  let cadre: string;
  let otherCadre: string;

  beforeAll(async () => {
    api = await startTestApi('quizzes');
    org = await seedOrganisation(api.app);
    trainer = await api.login('13800000003', org.password);
    cadre = await api.login('13800000004', org.password);
    otherCadre = await api.login('13800000005', org.password);
  });
  afterAll(() => api?.close());

  const question = async (i: Record<string, unknown>) => (await api.ok(CREATE_Q, { i: { subject: 'PARTY_DISCIPLINE', difficulty: 2, ...i } }, trainer)).createQuestion;
  const publishedQuiz = async (i: Record<string, unknown>) => {
    const { createQuiz } = await api.ok(CREATE_QUIZ, { i: { title: '测验', passMark: 60, ...i } }, trainer);
    await api.ok(PUBLISH, { id: createQuiz.id }, trainer);
    return createQuiz.id as string;
  };
  /** Answers every question of an attempt correctly or wrongly, using the answer key from the bank (as a trainer sees it). */
  const keyOf = async (stem: string) => {
    const [row] = await api.app.get(DataSource).query(`SELECT kind, options, answer FROM questions WHERE stem = $1 AND current`, [stem]);
    return row as { kind: string; options: { key: string; text: string }[]; answer: any };
  };
  const answerFor = async (item: { kind: string; stem: string; options: { label: string; text: string }[] }, right: boolean) => {
    const key = await keyOf(item.stem);
    switch (item.kind) {
      case 'TRUE_FALSE':
        return { truth: right ? key.answer.truth : !key.answer.truth };
      case 'FILL_BLANK':
        return { text: right ? key.answer.accepted[0] : '不知道' };
      case 'SHORT_ANSWER':
        return { text: '严格执行八项规定，管好身边人。' };
      default: {
        const correctTexts = key.answer.correct.map((k: string) => key.options.find((o) => o.key === k)!.text);
        const labels = item.options.filter((o) => correctTexts.includes(o.text) === right).map((o) => o.label);
        return { choices: item.kind === 'SINGLE_CHOICE' ? labels.slice(0, 1) : labels };
      }
    }
  };

  describe('a fixed quiz of every kind', () => {
    const secrets = ['解析-SECRET-1', '解析-SECRET-2', '解析-SECRET-3', '解析-SECRET-4', '解析-SECRET-5'];
    let quizId: string;
    let stems: string[];

    beforeAll(async () => {
      stems = ['处分种类不包括？', '六项纪律包括？', '可以收受礼金。', '首要的是____纪律。', '谈谈如何守住底线。'];
      const ids = [
        (await question({ kind: 'SINGLE_CHOICE', stem: stems[0], options: ['警告', '严重警告', '罚款', '留党察看'], answer: ['C'], explanation: secrets[0] })).id,
        (await question({ kind: 'MULTIPLE_CHOICE', stem: stems[1], options: ['政治纪律', '组织纪律', '财务纪律', '廉洁纪律'], answer: ['ABD'], explanation: secrets[1] })).id,
        (await question({ kind: 'TRUE_FALSE', stem: stems[2], answer: ['错'], explanation: secrets[2] })).id,
        (await question({ kind: 'FILL_BLANK', stem: stems[3], answer: ['政治', 'ＡＢＣ-ACCEPTED-SECRET'], explanation: secrets[3] })).id,
        (await question({ kind: 'SHORT_ANSWER', stem: stems[4], answer: ['参考答案-SECRET'], explanation: secrets[4] })).id,
      ];
      quizId = await publishedQuiz({ mode: 'FIXED', questionIds: ids, reviewPolicy: 'AFTER_SUBMIT', maxAttempts: 3 });
    });

    it('no response carries the answer key or an explanation before grading; after grading the review shows them', async () => {
      const bodies: string[] = [];
      const send = async (query: string, variables: Record<string, unknown>) => {
        const res = await api.gql(query, variables, cadre);
        bodies.push(JSON.stringify(res));
        return res;
      };
      const started = (await send(START, { q: quizId })).data!.startQuizAttempt;
      expect(started.items.map((i: { stem: string }) => i.stem)).toEqual(stems);
      for (const item of started.items) {
        await send(SAVE, { a: started.id, p: item.position, ans: await answerFor(item, true) });
        // and every kind of refused answer
        await send(SAVE, { a: started.id, p: item.position, ans: { choices: ['H'] } });
      }
      await send(SAVE, { a: started.id, p: 99, ans: { truth: true } });
      await send(VIEW, { a: started.id });
      await send('query($q: ID!) { quiz(id: $q) { title myAttempts { status score } } }', { q: quizId });
      await send('query($q: ID!) { quizQuestions(quizId: $q) { answer explanation } }', { q: quizId });
      await send('query($id: ID!) { question(id: $id) { answer explanation } }', { id: (await api.app.get(DataSource).query('SELECT id FROM questions LIMIT 1'))[0].id });
      const submitted = (await send(SUBMIT, { a: started.id })).data!.submitQuizAttempt;
      // a short answer waits for a trainer: not graded yet, so still no review
      expect(submitted).toMatchObject({ status: 'PENDING_REVIEW', reviewAvailable: false });
      await send(VIEW, { a: started.id });

      const leaked = [...secrets, 'ACCEPTED-SECRET', '参考答案-SECRET', '"correctAnswer":[', '"explanation":"', '"answer":['];
      for (const body of bodies) for (const secret of leaked) expect(body).not.toContain(secret);
      // the staff-only queries were refused, not answered
      expect(bodies.filter((b) => b.includes('"FORBIDDEN"'))).toHaveLength(2);

      // the trainer scores the short answer; now the attempt is graded and the review is there
      const pending = await api.ok('query($q: ID!) { pendingShortAnswers(quizId: $q) { attemptId position text reference } }', { q: quizId }, trainer);
      expect(pending.pendingShortAnswers).toEqual([{ attemptId: started.id, position: 5, text: '严格执行八项规定，管好身边人。', reference: '参考答案-SECRET' }]);
      await api.ok('mutation($a: ID!) { gradeShortAnswer(attemptId: $a, position: 5, score: 1, comment: "联系实际较好") { status } }', { a: started.id }, trainer);
      const graded = (await api.ok(VIEW, { a: started.id }, cadre)).quizAttempt;
      expect(graded).toMatchObject({ status: 'GRADED', score: 5, maxScore: 5, percent: 100, passed: true, reviewAvailable: true });
      expect(graded.items[0].review).toMatchObject({ correct: true, explanation: secrets[0] });
      expect(graded.items[4].review).toMatchObject({ comment: '联系实际较好', score: 1 });
    });

    it('shuffles options per attempt and grades by content, not by label', async () => {
      const shown: string[] = [];
      for (let n = 0; n < 2; n++) {
        const attempt = (await api.ok(START, { q: quizId }, cadre)).startQuizAttempt;
        for (const item of attempt.items.slice(0, 2)) shown.push(item.options.map((o: { text: string }) => o.text).join('/'));
        for (const item of attempt.items) await api.ok(SAVE, { a: attempt.id, p: item.position, ans: await answerFor(item, item.position !== 2) }, cadre);
        const done = (await api.ok(SUBMIT, { a: attempt.id }, cadre)).submitQuizAttempt;
        expect(done.status).toBe('PENDING_REVIEW');
        const wrong = await api.app.get(DataSource).query(`SELECT position, correct FROM quiz_attempt_items WHERE attempt_id = $1 AND correct = false`, [attempt.id]);
        expect(wrong).toEqual([{ position: 2, correct: false }]);
      }
      // four options each, two questions, two attempts: all four in the bank's order would be a 1 in 331,776 chance
      expect(shown.filter((order) => order === '警告/严重警告/罚款/留党察看' || order === '政治纪律/组织纪律/财务纪律/廉洁纪律').length).toBeLessThan(4);
      // attempts used up: 3 of 3
      const refused = await api.gql(START, { q: quizId }, cadre);
      expect(refused.errors![0].message).toBe('You have used all 3 attempt(s) of this quiz');
    });

    it('autosave is idempotent and ignores an older save that arrives late', async () => {
      const quiz = await publishedQuiz({ mode: 'FIXED', questionIds: [(await question({ kind: 'TRUE_FALSE', stem: '自动保存题。', answer: ['对'] })).id] });
      const attempt = (await api.ok(START, { q: quiz }, cadre)).startQuizAttempt;
      const first = await api.ok(SAVE, { a: attempt.id, p: 1, ans: { truth: false }, seq: 2 }, cadre);
      const again = await api.ok(SAVE, { a: attempt.id, p: 1, ans: { truth: false }, seq: 2 }, cadre);
      expect(again).toEqual(first);
      const late = await api.ok(SAVE, { a: attempt.id, p: 1, ans: { truth: true }, seq: 1 }, cadre);
      expect(late.saveQuizAnswer.response).toEqual({ choices: null, truth: false, text: null });
      // several at once: one bad answer saves none
      const batch = 'mutation($a: ID!, $answers: [PositionedAnswerInput!]!) { saveQuizAnswers(attemptId: $a, answers: $answers) }';
      const bad = await api.gql(batch, { a: attempt.id, answers: [{ position: 1, answer: { truth: true } }, { position: 7, answer: { truth: true } }] }, cadre);
      expect(bad.errors![0].message).toBe('answers: position 7 is not a question of this attempt (1 to 1)');
      expect((await api.ok(VIEW, { a: attempt.id }, cadre)).quizAttempt.items[0].response.truth).toBe(false);
      expect((await api.ok(batch, { a: attempt.id, answers: [{ position: 1, answer: { truth: true } }] }, cadre)).saveQuizAnswers).toBe(1);
      expect((await api.ok(VIEW, { a: attempt.id }, cadre)).quizAttempt.items[0].response.truth).toBe(true);
      // starting again returns the open attempt instead of a new one
      expect((await api.ok(START, { q: quiz }, cadre)).startQuizAttempt.id).toBe(attempt.id);
    });
  });

  it('draw rules give the right mix and prefer questions the cadre has not seen', async () => {
    const easy: string[] = [];
    for (let i = 0; i < 6; i++) easy.push((await question({ kind: 'TRUE_FALSE', stem: `抽题判断${i}。`, answer: ['对'], difficulty: 1, tags: ['抽题'] })).familyId);
    for (let i = 0; i < 4; i++) await question({ kind: 'SINGLE_CHOICE', stem: `抽题单选${i}？`, options: ['甲', '乙'], answer: ['A'], difficulty: i < 2 ? 2 : 5, tags: ['抽题'] });
    const quiz = await publishedQuiz({ mode: 'DRAW', drawRules: [{ count: 2, kind: 'SINGLE_CHOICE', maxDifficulty: 3, tags: ['抽题'] }, { count: 3, kind: 'TRUE_FALSE', tags: ['抽题'] }], maxAttempts: 5 });

    const seen = new Set<string>();
    for (let n = 0; n < 2; n++) {
      const attempt = (await api.ok(START, { q: quiz }, cadre)).startQuizAttempt;
      expect(attempt.items.map((i: { kind: string }) => i.kind)).toEqual(['SINGLE_CHOICE', 'SINGLE_CHOICE', 'TRUE_FALSE', 'TRUE_FALSE', 'TRUE_FALSE']);
      const rows: { family_id: string; difficulty: number; kind: string }[] = await api.app.get(DataSource).query(
        `SELECT i.family_id, q.difficulty, q.kind FROM quiz_attempt_items i JOIN questions q ON q.id = i.question_id WHERE i.attempt_id = $1 ORDER BY i.position`,
        [attempt.id],
      );
      expect(rows.filter((r) => r.kind === 'SINGLE_CHOICE').every((r) => r.difficulty <= 3)).toBe(true);
      const trueFalse = rows.filter((r) => r.kind === 'TRUE_FALSE').map((r) => r.family_id);
      // the second attempt draws the three true/false questions the first did not show
      for (const f of trueFalse) expect(seen.has(f)).toBe(false);
      trueFalse.forEach((f) => seen.add(f));
      await api.ok(SUBMIT, { a: attempt.id }, cadre);
    }
    expect([...seen].sort()).toEqual([...easy].sort());

    // a rule the bank cannot satisfy is refused at publishing
    const { createQuiz } = await api.ok(CREATE_QUIZ, { i: { title: '抽不够', mode: 'DRAW', passMark: 60, drawRules: [{ count: 50, kind: 'TRUE_FALSE' }] } }, trainer);
    const res = await api.gql(PUBLISH, { id: createQuiz.id }, trainer);
    expect(res.errors![0].message).toMatch(/^Draw rule 1 asks for 50 questions but the bank has \d+ that match$/);
  });

  it('editing a question a finished attempt used makes a new version; the old attempt still shows what the cadre saw', async () => {
    const q = await question({ kind: 'TRUE_FALSE', stem: '旧题干。', answer: ['对'] });
    const quiz = await publishedQuiz({ mode: 'FIXED', questionIds: [q.id], reviewPolicy: 'AFTER_SUBMIT' });
    // unused: edited in place
    const inPlace = await api.ok('mutation($id: ID!, $i: QuestionInput!) { updateQuestion(id: $id, input: $i) { id version } }', { id: q.id, i: { kind: 'TRUE_FALSE', stem: '旧题干。', answer: ['对'], subject: 'PARTY_DISCIPLINE', difficulty: 3 } }, trainer);
    expect(inPlace.updateQuestion).toEqual({ id: q.id, version: 1 });
    const attempt = await api.ok(START, { q: quiz }, cadre);
    const token = cadre;
    await api.ok(SUBMIT, { a: attempt.startQuizAttempt.id }, token);
    const edited = await api.ok('mutation($id: ID!, $i: QuestionInput!) { updateQuestion(id: $id, input: $i) { id version familyId } }', { id: q.id, i: { kind: 'TRUE_FALSE', stem: '新题干。', answer: ['错'], subject: 'PARTY_DISCIPLINE', difficulty: 3 } }, trainer);
    expect(edited.updateQuestion).toMatchObject({ version: 2, familyId: q.familyId });
    expect(edited.updateQuestion.id).not.toBe(q.id);
    const old = await api.ok(VIEW, { a: attempt.startQuizAttempt.id }, token);
    expect(old.quizAttempt.items[0]).toMatchObject({ stem: '旧题干。', review: { correctAnswer: ['TRUE'] } });
    // the quiz now uses the new version
    const next = await api.ok('query($q: ID!) { quizQuestions(quizId: $q) { stem version } }', { q: quiz }, trainer);
    expect(next.quizQuestions).toEqual([{ stem: '新题干。', version: 2 }]);
  });

  it('review policy NEVER keeps answers hidden even after grading; scores are still shown', async () => {
    const quiz = await publishedQuiz({ mode: 'FIXED', questionIds: [(await question({ kind: 'TRUE_FALSE', stem: '不公布答案题。', answer: ['对'], explanation: 'NEVER-SECRET' })).id], reviewPolicy: 'NEVER' });
    const attempt = (await api.ok(START, { q: quiz }, cadre)).startQuizAttempt;
    await api.ok(SAVE, { a: attempt.id, p: 1, ans: { truth: true } }, cadre);
    const done = await api.gql(SUBMIT, { a: attempt.id }, cadre);
    expect(done.data!.submitQuizAttempt).toMatchObject({ status: 'GRADED', percent: 100, passed: true, reviewAvailable: false });
    expect(JSON.stringify(done)).not.toContain('NEVER-SECRET');
    expect(done.data!.submitQuizAttempt.items[0].review).toBeNull();
  });

  it('bad input: a second submit, another cadre\'s attempt, outside the window, too soon after the last attempt', async () => {
    const q = (await question({ kind: 'TRUE_FALSE', stem: '错误输入题。', answer: ['对'] })).id;
    const quiz = await publishedQuiz({ mode: 'FIXED', questionIds: [q], minDelaySeconds: 3600 });
    const attempt = (await api.ok(START, { q: quiz }, cadre)).startQuizAttempt;
    expect((await api.gql(SAVE, { a: attempt.id, p: 2, ans: { truth: true } }, cadre)).errors![0].message).toBe('position: is not a question of this attempt (1 to 1)');
    expect((await api.gql(SAVE, { a: attempt.id, p: 1, ans: { choices: ['A'] } }, cadre)).errors![0].message).toBe('truth: answer true or false');
    expect(code(await api.gql(SUBMIT, { a: attempt.id }, otherCadre))).toBe('FORBIDDEN');
    expect(code(await api.gql(SAVE, { a: attempt.id, p: 1, ans: { truth: true } }, otherCadre))).toBe('FORBIDDEN');
    await api.ok(SUBMIT, { a: attempt.id }, cadre);
    const again = await api.gql(SUBMIT, { a: attempt.id }, cadre);
    expect(again.errors![0].message).toBe('The attempt has already been submitted');
    expect((await api.gql(SAVE, { a: attempt.id, p: 1, ans: { truth: false } }, cadre)).errors![0].message).toBe('The attempt has been submitted; answers can no longer change');
    expect((await api.gql(START, { q: quiz }, cadre)).errors![0].message).toMatch(/^Your next attempt is possible from /);
    const [{ n }] = await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE quiz_id = $1`, [quiz]);
    expect(n).toBe(1);

    const later = await publishedQuiz({ mode: 'FIXED', questionIds: [q], opensAt: new Date(Date.now() + 86400_000).toISOString() });
    expect((await api.gql(START, { q: later }, cadre)).errors![0].message).toMatch(/^The quiz opens at /);
    // a quiz of the bureau is not open to the township's cadre
    expect(code(await api.gql(START, { q: quiz }, otherCadre))).toBe('FORBIDDEN');
  });

  it('imports CSV and JSON: good rows kept, bad rows explained with their line and field', async () => {
    const csv = [
      '题型,题干,选项A,选项B,选项C,答案,解析,科目,难度,标签,出处',
      '单选,导入单选题？,甲,乙,丙,B,解析,党纪,2,导入,《条例》',
      '多选,导入多选题？,甲,乙,丙,A,解析,党纪,2,导入,',
      '判断,导入判断题。,,,,对,,党风,1,导入,',
      '填空,,,,,政治,,党纪,9,导入,',
    ].join('\n');
    const report = await api.ok('mutation($i: ImportQuestionsInput!) { importQuestions(input: $i) { created failed rows { line status questionId problems { field message } } } }', { i: { format: 'CSV', content: csv } }, trainer);
    expect(report.importQuestions).toMatchObject({ created: 2, failed: 2 });
    expect(report.importQuestions.rows[1]).toEqual({ line: 3, status: 'ERROR', questionId: null, problems: [{ field: 'answer', message: 'a multiple-choice question has at least two correct options' }] });
    expect(report.importQuestions.rows[3].problems).toEqual(
      expect.arrayContaining([
        { field: 'stem', message: 'must not be empty' },
        { field: 'difficulty', message: 'must be a whole number from 1 to 5' },
      ]),
    );
    const json = JSON.stringify([{ kind: 'FILL_BLANK', stem: 'JSON 填空____。', answer: ['甲', '乙'], subject: 'PARTY_STYLE', difficulty: 1 }, { kind: 'NOPE', stem: 'x', answer: [], subject: 'PARTY_STYLE', difficulty: 1 }]);
    const jr = await api.ok('mutation($i: ImportQuestionsInput!) { importQuestions(input: $i) { created failed rows { line status problems { field } } } }', { i: { format: 'JSON', content: json } }, trainer);
    expect(jr.importQuestions).toMatchObject({ created: 1, failed: 1, rows: [{ line: 1, status: 'CREATED' }, { line: 2, status: 'ERROR', problems: [{ field: 'kind' }] }] });
    const found = await api.ok('query { questions(tag: "导入", first: 50) { totalCount nodes { stem source } } }', {}, trainer);
    expect(found.questions.nodes).toEqual(expect.arrayContaining([{ stem: '导入单选题？', source: '《条例》' }, { stem: '导入判断题。', source: null }]));
    expect(found.questions.totalCount).toBe(2);
    // cadres cannot read the bank
    expect(code(await api.gql('query { questions { totalCount } }', {}, cadre))).toBe('FORBIDDEN');
  });
});
