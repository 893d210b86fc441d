import { INestApplicationContext } from '@nestjs/common';
import { Clock } from '@qinglian/common';
import { eventually, OrgFixture, seedOrganisation, startTestApi, startTestWorker, TestApi } from '@qinglian/testing';
import { DataSource } from 'typeorm';

const CREATE_Q = 'mutation($i: QuestionInput!) { createQuestion(input: $i) { id } }';
const CREATE_QUIZ = 'mutation($i: QuizInput!) { createQuiz(input: $i) { id } }';
const PUBLISH = 'mutation($id: ID!) { publishQuiz(id: $id) { status } }';
const START = 'mutation($q: ID!) { startQuizAttempt(quizId: $q) { id deadlineAt serverTime items { position stem options { label text } } } }';
const SAVE = 'mutation($a: ID!, $p: Int!, $ans: AnswerInput!) { saveQuizAnswer(attemptId: $a, position: $p, answer: $ans) { position } }';
const SUBMIT = 'mutation($a: ID!) { submitQuizAttempt(attemptId: $a) { status percent passed } }';
const RANKINGS = `query($q: ID!) { contestRankings(quizId: $q) { final people { rank name unitName percent timeTakenSeconds }
  units { rank unitName participants eligible participationRate averagePercent } } }`;

describe('quiz deadlines, lessons, integrity exams and contests', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let org: OrgFixture;
  let admin: string;
  let trainer: string;
  let cadre: string;
  /** null: the API's clock is the real one; a number: the API's clock stands at that time. */
  let fake: number | null = null;

  beforeAll(async () => {
    api = await startTestApi('quiz-contests');
    worker = await startTestWorker(api.env);
    org = await seedOrganisation(api.app);
    admin = await api.login('13800000001', org.password);
    trainer = await api.login('13800000003', org.password);
    cadre = await api.login('13800000004', org.password);
    jest.spyOn(api.app.get(Clock), 'now').mockImplementation(() => new Date(fake ?? Date.now()));
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const db = () => api.app.get(DataSource);
  /** Two true/false questions (both true) owned by the city, and a published quiz of them. */
  const quizOf = async (token: string, input: Record<string, unknown>) => {
    const ids = [];
    for (const stem of ['对的第一题。', '对的第二题。']) ids.push((await api.ok(CREATE_Q, { i: { kind: 'TRUE_FALSE', stem, answer: ['对'], subject: 'PARTY_DISCIPLINE', difficulty: 1 } }, token)).createQuestion.id);
    const { createQuiz } = await api.ok(CREATE_QUIZ, { i: { title: '测验', mode: 'FIXED', questionIds: ids, passMark: 80, ...input } }, token);
    await api.ok(PUBLISH, { id: createQuiz.id }, token);
    return createQuiz.id as string;
  };
  /** Starts, answers `right` of the two questions correctly, submits. */
  const take = async (token: string, quizId: string, right: number) => {
    const attempt = (await api.ok(START, { q: quizId }, token)).startQuizAttempt;
    for (const item of attempt.items) await api.ok(SAVE, { a: attempt.id, p: item.position, ans: { truth: item.position <= right } }, token);
    return { id: attempt.id as string, result: (await api.ok(SUBMIT, { a: attempt.id }, token)).submitQuizAttempt };
  };

  it('an attempt left open is closed and graded at its deadline by the worker; answers after it are refused', async () => {
    fake = null;
    const quiz = await quizOf(trainer, { timeLimitSeconds: 2 });
    const attempt = (await api.ok(START, { q: quiz }, cadre)).startQuizAttempt;
    expect(new Date(attempt.deadlineAt).getTime() - new Date(attempt.serverTime).getTime()).toBeLessThanOrEqual(2000);
    await api.ok(SAVE, { a: attempt.id, p: 1, ans: { truth: true } }, cadre);
    const graded = await eventually(async () => {
      const [row] = await db().query(`SELECT status, auto_submitted, score::float AS score, percent::float AS percent FROM quiz_attempts WHERE id = $1`, [attempt.id]);
      return row.status === 'GRADED' ? row : undefined;
    }, 'the deadline job to grade the attempt', 15_000);
    expect(graded).toEqual({ status: 'GRADED', auto_submitted: true, score: 1, percent: 50 });
    const late = await api.gql(SAVE, { a: attempt.id, p: 2, ans: { truth: true } }, cadre);
    expect(late.errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('answers after the deadline are refused even before the worker closes the attempt', async () => {
    fake = Date.now();
    const quiz = await quizOf(trainer, { timeLimitSeconds: 600 });
    const attempt = (await api.ok(START, { q: quiz }, cadre)).startQuizAttempt;
    fake += 601_000;
    const late = await api.gql(SAVE, { a: attempt.id, p: 1, ans: { truth: true } }, cadre);
    expect(late.errors![0].message).toBe(`Time is up: the attempt closed at ${new Date(attempt.deadlineAt).toISOString()}`);
    const [{ response }] = await db().query(`SELECT response FROM quiz_attempt_items WHERE attempt_id = $1 AND position = 1`, [attempt.id]);
    expect(response).toBeNull();
    fake = null;
  });

  it('review AFTER_CLOSE: answers and explanations appear only once the quiz has closed', async () => {
    fake = Date.now();
    const quiz = await quizOf(trainer, { reviewPolicy: 'AFTER_CLOSE', closesAt: new Date(fake + 3600_000).toISOString() });
    const { id } = await take(cadre, quiz, 2);
    const VIEW = 'query($a: ID!) { quizAttempt(id: $a) { status reviewAvailable items { review { correct correctAnswer } } } }';
    const before = await api.ok(VIEW, { a: id }, cadre);
    expect(before.quizAttempt).toEqual({ status: 'GRADED', reviewAvailable: false, items: [{ review: null }, { review: null }] });
    fake += 3600_000 + 1;
    const after = await api.ok(VIEW, { a: id }, cadre);
    expect(after.quizAttempt.reviewAvailable).toBe(true);
    expect(after.quizAttempt.items[0].review).toEqual({ correct: true, correctAnswer: ['TRUE'] });
    fake = null;
  });

  it('two submits at once count once', async () => {
    fake = null;
    const quiz = await quizOf(trainer, {});
    const attempt = (await api.ok(START, { q: quiz }, cadre)).startQuizAttempt;
    const results = await Promise.all([api.gql(SUBMIT, { a: attempt.id }, cadre), api.gql(SUBMIT, { a: attempt.id }, cadre)]);
    expect(results.filter((r) => r.data?.submitQuizAttempt)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].message === 'The attempt has already been submitted')).toHaveLength(1);
    const rows = await db().query(`SELECT status, submitted_at FROM quiz_attempts WHERE quiz_id = $1`, [quiz]);
    expect(rows).toHaveLength(1);
  });

  it('passing a quiz that is a lesson completes the lesson (and the course) and earns the quiz\'s class hours', async () => {
    fake = null;
    const quiz = await quizOf(admin, { classHours: 0.5 });
    const { createCourse } = await api.ok('mutation($i: CreateCourseInput!) { createCourse(input: $i) { id } }', { i: { title: '测验课程', subject: 'PARTY_DISCIPLINE', classHours: 1 } }, admin);
    const { addLesson } = await api.ok('mutation($c: ID!, $i: LessonInput!) { addLesson(courseId: $c, input: $i) { id } }', { c: createCourse.id, i: { kind: 'QUIZ', title: '结业测验', quizId: quiz } }, admin);
    await api.ok('mutation($id: ID!) { publishCourse(id: $id) { status } }', { id: createCourse.id }, admin);

    const failed = await take(cadre, quiz, 1);
    expect(failed.result).toMatchObject({ percent: 50, passed: false });
    const passed = await take(cadre, quiz, 2);
    expect(passed.result).toMatchObject({ status: 'GRADED', percent: 100, passed: true });

    const progress = await eventually(async () => {
      const res = await api.ok('query($id: ID!) { course(id: $id) { lessons { myProgress { completedAt } } myProgress { completedAt classHoursEarned } } }', { id: createCourse.id }, cadre);
      // the two progress fields are read by separate statements, which may straddle the worker's commit: wait for both
      return res.course.myProgress.completedAt && res.course.lessons[0].myProgress?.completedAt ? res.course : undefined;
    }, 'the quiz lesson and the course to complete');
    expect(progress.lessons[0].myProgress.completedAt).not.toBeNull();
    const credits = await eventually(async () => {
      const rows = await db().query(`SELECT source, hours::float AS hours FROM class_hour_credits WHERE user_id = $1 AND source_id = ANY($2::uuid[]) ORDER BY source`, [org.cadre.id, [quiz, createCourse.id]]);
      return rows.length === 2 ? rows : undefined;
    }, 'course and quiz hours in the ledger');
    expect(credits).toEqual([
      { source: 'COURSE', hours: 1 },
      { source: 'QUIZ', hours: 0.5 },
    ]);
  });

  it('an integrity exam: a fail and a pass go on the record; after the pass the cadre signs the letter once, and the signature cannot change', async () => {
    fake = null;
    const exam = await quizOf(admin, { integrityExam: true, maxAttempts: 2, title: '任前廉政考试' });
    const noLetter = await take(cadre, exam, 1);
    expect((await api.gql('mutation($a: ID!) { signCommitmentLetter(attemptId: $a) { id } }', { a: noLetter.id }, cadre)).errors![0].message).toBe(
      'The commitment letter is signed after passing the integrity exam',
    );
    const letter = '本人郑重承诺：严守纪律，廉洁从政。';
    await api.ok('mutation($b: String!) { setCommitmentLetter(body: $b) { id } }', { b: letter }, admin);
    expect((await api.ok('{ myCommitmentLetter { body } }', {}, cadre)).myCommitmentLetter.body).toBe(letter);
    const pass = await take(cadre, exam, 2);
    const signed = await api.ok('mutation($a: ID!) { signCommitmentLetter(attemptId: $a) { body bodySha256 signedAt } }', { a: pass.id }, cadre);
    expect(signed.signCommitmentLetter.body).toBe(letter);
    expect(signed.signCommitmentLetter.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    const twice = await api.gql('mutation($a: ID!) { signCommitmentLetter(attemptId: $a) { id } }', { a: pass.id }, cadre);
    expect(twice.errors![0].message).toMatch(/^You signed this letter at /);
    await expect(db().query(`UPDATE commitment_signatures SET body = 'changed'`)).rejects.toThrow('a signed integrity commitment letter cannot be changed or removed');
    await expect(db().query(`DELETE FROM commitment_signatures`)).rejects.toThrow('cannot be changed or removed');

    const record = await api.ok('query($u: ID) { integrityRecord(userId: $u) { exams { title passed percent attempts } signatures { body } } }', { u: org.cadre.id }, admin);
    expect(record.integrityRecord).toEqual({ exams: [{ title: '任前廉政考试', passed: true, percent: 100, attempts: 2 }], signatures: [{ body: letter }] });
    expect((await api.gql('query($u: ID) { integrityRecord(userId: $u) { userId } }', { u: org.cadre.id }, await api.login('13800000005', org.password))).errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('administrators read the letter that applies to a unit of their subtree, inherited until the unit sets its own', async () => {
    const bureauAdmin = await api.login('13800000002', org.password);
    const letterOf = async (token: string, unitId?: string) => (await api.ok('query($u: ID) { commitmentLetter(unitId: $u) { body unitId } }', { u: unitId }, token)).commitmentLetter;
    const cityLetter = '全市干部廉政承诺书：严守纪律，廉洁从政。';
    await api.ok('mutation($b: String!) { setCommitmentLetter(body: $b) { id } }', { b: cityLetter }, admin);
    // the office under the bureau inherits the city's letter until the bureau sets its own
    expect(await letterOf(admin, org.office.id)).toEqual({ body: cityLetter, unitId: org.city.id });
    expect(await letterOf(bureauAdmin)).toEqual({ body: cityLetter, unitId: org.city.id });
    const bureauLetter = '市纪委监委干部廉政承诺书。';
    await api.ok('mutation($b: String!, $u: ID) { setCommitmentLetter(body: $b, unitId: $u) { id } }', { b: bureauLetter, u: org.bureau.id }, bureauAdmin);
    expect(await letterOf(admin, org.office.id)).toEqual({ body: bureauLetter, unitId: org.bureau.id });
    expect(await letterOf(admin, org.township.id)).toEqual({ body: cityLetter, unitId: org.city.id });
    // outside the bureau administrator's subtree, and not for cadres
    expect((await api.gql('query($u: ID) { commitmentLetter(unitId: $u) { body } }', { u: org.township.id }, bureauAdmin)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql('{ commitmentLetter { body } }', {}, cadre)).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('a contest ranks people by score then time taken, and units by average score and participation; cadres see it after it closes', async () => {
    const start = Date.now() + 3600_000;
    fake = start - 60_000;
    const quiz = await quizOf(admin, {
      title: '党纪知识竞赛',
      contest: true,
      opensAt: new Date(start).toISOString(),
      closesAt: new Date(start + 3600_000).toISOString(),
      audienceUnitIds: [org.bureau.id, org.township.id],
    });
    // four contestants: the bureau's trainer and cadre, the township's cadre, and one more township cadre
    const extra = await api.ok('mutation($i: ImportCadresInput!) { importCadres(input: $i) { rows { userId } } }', { i: { csv: '姓名,手机,单位,层级\n赵参赛,13700000001,清河镇,在职', initialPassword: 'Welcome2026' } }, admin);
    const townshipCadre = await api.login('13800000005', org.password);
    const tokens = { trainer, cadre, townshipCadre, extra: await api.tokenFor(extra.importCadres.rows[0].userId) };
    const before = await api.gql(START, { q: quiz }, cadre);
    expect(before.errors![0].message).toMatch(/^The quiz opens at /);

    // same full score for the cadre and the township cadre; the cadre is faster
    const run = async (token: string, startAt: number, seconds: number, right: number) => {
      fake = startAt;
      const attempt = (await api.ok(START, { q: quiz }, token)).startQuizAttempt;
      for (const item of attempt.items) await api.ok(SAVE, { a: attempt.id, p: item.position, ans: { truth: item.position <= right } }, token);
      fake = startAt + seconds * 1000;
      await api.ok(SUBMIT, { a: attempt.id }, token);
    };
    await run(tokens.townshipCadre, start + 10_000, 90, 2);
    await run(tokens.cadre, start + 20_000, 60, 2);
    await run(tokens.trainer, start + 30_000, 30, 1);
    fake = start + 600_000;
    const early = await api.gql(RANKINGS, { q: quiz }, cadre);
    expect(early.errors![0].message).toBe('The rankings are published when the contest closes');
    // organisers see it live
    expect((await api.ok(RANKINGS, { q: quiz }, admin)).contestRankings.final).toBe(false);

    fake = start + 3600_000 + 1;
    const { contestRankings } = await api.ok(RANKINGS, { q: quiz }, cadre);
    expect(contestRankings.final).toBe(true);
    expect(contestRankings.people).toEqual([
      { rank: 1, name: '李干部', unitName: '第一监督检查室', percent: 100, timeTakenSeconds: 60 },
      { rank: 2, name: '张干部', unitName: '清河镇', percent: 100, timeTakenSeconds: 90 },
      { rank: 3, name: '王培训', unitName: '市纪委监委', percent: 50, timeTakenSeconds: 30 },
    ]);
    // the bureau: 2 cadres (trainer, cadre), both took part, average 75; the township: 2 cadres, one took part, average 100
    expect(contestRankings.units).toEqual([
      { rank: 1, unitName: '清河镇', participants: 1, eligible: 2, participationRate: 50, averagePercent: 100 },
      { rank: 2, unitName: '市纪委监委', participants: 2, eligible: 2, participationRate: 100, averagePercent: 75 },
    ]);
    fake = null;
  });
});
