import { INestApplicationContext } from '@nestjs/common';
import { CompletionRecordsService } from '@qinglian/completion';
import { eventually, OrgFixture, seedOrganisation, startTestApi, startTestWorker, TestApi } from '@qinglian/testing';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobMetrics } from '../apps/worker/src/jobs/job-metrics';

const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const RECORD = `query($y: Int!) { myCompletionRecord(year: $y) { status tier requiredHours earnedCourse earnedQuiz earnedTour earnedTotal itemsDone itemsTotal
  missing { type title } certificateCode credits { source title hours } } }`;

describe('completion records through the worker, full recompute, reports and certificates', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let org: OrgFixture;
  let admin: string;
  let cadre: string;

  beforeAll(async () => {
    api = await startTestApi('completion-records');
    worker = await startTestWorker(api.env);
    org = await seedOrganisation(api.app);
    admin = await api.login('13800000001', org.password);
    cadre = await api.login('13800000004', org.password);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const db = () => api.app.get(DataSource);
  const snapshot = async () =>
    db().query(
      `SELECT user_id, year, tier, unit_id, required_hours, earned_course, earned_quiz, earned_tour, earned_carry, earned_total, required_course_hours,
              film_hours, items_total, items_done, missing, status, due_at FROM completion_records WHERE year = $1 ORDER BY user_id`,
      [YEAR],
    );

  it('a cadre completes a course, passes a quiz and attends a tour: the record follows through the worker with no manual trigger', async () => {
    await api.ok('mutation($y: Int!) { setCompletionRule(year: $y, tier: ON_JOB, input: { requiredHours: 4, minRequiredCourseHours: 1, carryOverCap: 0 }) { id } }', { y: YEAR }, admin);
    expect((await api.ok(RECORD, { y: YEAR }, cadre)).myCompletionRecord).toMatchObject({ status: 'NOT_STARTED', requiredHours: 4, earnedTotal: 0 });

    // a required course of one article lesson, completed by reading it
    const { createCourse } = await api.ok('mutation($i: CreateCourseInput!) { createCourse(input: $i) { id } }', { i: { title: '年度必修课', subject: 'PARTY_DISCIPLINE', classHours: 1, requiredTiers: ['ON_JOB'] } }, admin);
    const { addLesson } = await api.ok('mutation($c: ID!, $i: LessonInput!) { addLesson(courseId: $c, input: $i) { id } }', { c: createCourse.id, i: { kind: 'ARTICLE', title: '导读', body: '<p>学习。</p>', minReadingSeconds: 0 } }, admin);
    await api.ok('mutation($id: ID!) { publishCourse(id: $id) { status } }', { id: createCourse.id }, admin);
    await api.ok('mutation($id: ID!) { openLesson(lessonId: $id) { courseCompleted } }', { id: addLesson.id }, cadre);
    await api.ok('mutation($id: ID!) { finishReading(lessonId: $id) { courseCompleted } }', { id: addLesson.id }, cadre);

    // a quiz worth half an hour
    const q = await api.ok('mutation($i: QuestionInput!) { createQuestion(input: $i) { id } }', { i: { kind: 'TRUE_FALSE', stem: '应当廉洁自律。', answer: ['对'], subject: 'PARTY_STYLE', difficulty: 1 } }, admin);
    const quiz = await api.ok('mutation($i: QuizInput!) { createQuiz(input: $i) { id } }', { i: { title: '学时测验', mode: 'FIXED', questionIds: [q.createQuestion.id], passMark: 60, classHours: 0.5 } }, admin);
    await api.ok('mutation($id: ID!) { publishQuiz(id: $id) { status } }', { id: quiz.createQuiz.id }, admin);
    const attempt = await api.ok('mutation($q: ID!) { startQuizAttempt(quizId: $q) { id } }', { q: quiz.createQuiz.id }, cadre);
    await api.ok('mutation($a: ID!) { saveQuizAnswer(attemptId: $a, position: 1, answer: { truth: true }) { position } }', { a: attempt.startQuizAttempt.id }, cadre);
    await api.ok('mutation($a: ID!) { submitQuizAttempt(attemptId: $a) { passed } }', { a: attempt.startQuizAttempt.id }, cadre);

    // a tour already held, the cadre marked attended
    const [tour] = await db().query(
      `INSERT INTO study_tours (title, kind, destination, starts_at, ends_at, capacity, confirmed_count, signup_opens_at, signup_closes_at, cancel_cutoff_at, class_hours, status, unit_id)
       VALUES ('警示教育基地参观', 'WARNING_EDUCATION_BASE', '基地', now() - interval '2 days', now() - interval '1 day', 10, 1, now() - interval '5 days', now() - interval '3 days', now() - interval '3 days', 3, 'DONE', $1) RETURNING id`,
      [org.city.id],
    );
    const [signUp] = await db().query(`INSERT INTO tour_signups (tour_id, user_id, status) VALUES ($1, $2, 'CONFIRMED') RETURNING id`, [tour.id, org.cadre.id]);
    await api.ok('mutation($s: ID!) { setTourAttendance(signUpId: $s, attended: true) { attendance } }', { s: signUp.id }, admin);

    const record = await eventually(async () => {
      const r = (await api.ok(RECORD, { y: YEAR }, cadre)).myCompletionRecord;
      return r.status === 'COMPLETED' ? r : undefined;
    }, 'the record to be completed by the worker', 20_000);
    expect(record).toMatchObject({ earnedCourse: 1, earnedQuiz: 0.5, earnedTour: 3, earnedTotal: 4.5, tier: 'ON_JOB' });
    expect(record.credits.map((c: { source: string; title: string; hours: number }) => `${c.source} ${c.title} ${c.hours}`).sort()).toEqual([
      'COURSE 年度必修课 1',
      'QUIZ 学时测验 0.5',
      'TOUR 警示教育基地参观 3',
    ]);

    // the certificate and its public check
    const pdf = await request(api.app.getHttpServer()).get(`/certificates/${YEAR}.pdf`).set('authorization', `Bearer ${cadre}`).buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const verified = await request(api.app.getHttpServer()).get(`/certificates/verify/${record.certificateCode}`);
    expect(verified.body).toMatchObject({ valid: true, name: '李干部', unitName: '第一监督检查室', year: YEAR, earnedTotal: 4.5 });
    const forged = await request(api.app.getHttpServer()).get(`/certificates/verify/${record.certificateCode.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'))}`);
    expect(forged.status).toBe(404);
    expect(forged.body.valid).toBe(false);
    const notYet = await request(api.app.getHttpServer()).get(`/certificates/${YEAR}.pdf`).set('authorization', `Bearer ${await api.login('13800000005', org.password)}`);
    expect(notYet.status).toBe(403);
  });

  it('a burst of events for one cadre costs one recompute', async () => {
    const metrics = worker.get(JobMetrics);
    const before = metrics.snapshot()['completion/recompute-completion']?.completed ?? 0;
    const records = api.app.get(CompletionRecordsService);
    await Promise.all(Array.from({ length: 10 }, () => records.schedule(org.otherCadre.id, YEAR)));
    await eventually(async () => ((metrics.snapshot()['completion/recompute-completion']?.completed ?? 0) > before ? true : undefined), 'the recompute');
    await new Promise((r) => setTimeout(r, 1500));
    expect((metrics.snapshot()['completion/recompute-completion']?.completed ?? 0) - before).toBe(1);
  });

  it('a full recompute (admin-triggered, progress visible) produces exactly the records the incremental path did; report totals equal the records', async () => {
    // more cadres in two units, with some hours each
    const csv = ['姓名,手机,单位,层级,领导干部', ...Array.from({ length: 12 }, (_, i) => `全量${i},1370000${String(i).padStart(4, '0')},${i % 2 ? '清河镇' : '第一监督检查室'},${['在职', '后备', '新任职', '退休'][i % 4]},${i === 3 ? '是' : '否'}`)].join('\n');
    const imported = await api.ok('mutation($i: ImportCadresInput!) { importCadres(input: $i) { rows { userId } } }', { i: { csv, initialPassword: 'Welcome2026' } }, admin);
    const ids: string[] = imported.importCadres.rows.map((r: { userId: string }) => r.userId);
    for (const [i, id] of ids.entries()) {
      await db().query(`INSERT INTO class_hour_credits (user_id, source, source_id, title, hours, earned_at, year) VALUES ($1, 'TOUR', gen_random_uuid(), '考察', $2, now(), $3)`, [id, i * 2 + 1, YEAR]);
    }
    const records = api.app.get(CompletionRecordsService);
    const all: { id: string }[] = await db().query(`SELECT id FROM users WHERE tier IS NOT NULL AND 'CADRE' = ANY(roles)`);
    for (const { id } of all) await records.recompute([id], YEAR); // one by one, as the worker does after events
    const incremental = await snapshot();
    await db().query(`DELETE FROM completion_records WHERE year = $1`, [YEAR]);

    const run = await api.ok('mutation($y: Int!) { recomputeCompletion(year: $y) { id total } }', { y: YEAR }, admin);
    const done = await eventually(async () => {
      const r = (await api.ok('query($id: ID!) { completionRun(id: $id) { status done total } }', { id: run.recomputeCompletion.id }, admin)).completionRun;
      return r.status === 'DONE' ? r : undefined;
    }, 'the full recompute', 20_000);
    expect(done).toEqual({ status: 'DONE', done: all.length, total: all.length });
    expect(await snapshot()).toEqual(incremental);

    // report totals: the city row (all tiers) equals the sum of all records
    const report = await api.ok('query($y: Int!) { completionReport(year: $y) { rows { unitName tier cadres completed inProgress notStarted overdue averageHours } overdueLeaders { name } } }', { y: YEAR }, admin);
    const cityAll = report.completionReport.rows.find((r: { unitName: string; tier: string | null }) => r.unitName === '青莲市' && r.tier === null);
    const [sums] = await db().query(
      `SELECT count(*)::int AS cadres, count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed, count(*) FILTER (WHERE status = 'IN_PROGRESS')::int AS "inProgress",
              count(*) FILTER (WHERE status = 'NOT_STARTED')::int AS "notStarted", count(*) FILTER (WHERE status = 'OVERDUE')::int AS overdue,
              round(avg(earned_total), 2)::float AS "averageHours"
         FROM completion_records WHERE year = $1`,
      [YEAR],
    );
    expect(cityAll).toEqual({ unitName: '青莲市', tier: null, ...sums });
    const perTier = report.completionReport.rows.filter((r: { unitName: string; tier: string | null }) => r.unitName === '青莲市' && r.tier !== null);
    expect(perTier.reduce((s: number, r: { cadres: number }) => s + r.cadres, 0)).toBe(sums.cadres);
    // the units directly below the city, rolled up, add up to the city
    const children = report.completionReport.rows.filter((r: { unitName: string; tier: string | null }) => r.unitName !== '青莲市' && r.tier === null);
    expect(children.reduce((s: number, r: { cadres: number }) => s + r.cadres, 0)).toBe(sums.cadres);

    const csvRes = await request(api.app.getHttpServer()).get(`/exports/completion/report.csv?year=${YEAR}`).set('authorization', `Bearer ${admin}`);
    expect(csvRes.status).toBe(200);
    expect(csvRes.text.startsWith('\uFEFF单位,层级,干部数')).toBe(true);
    const list = await request(api.app.getHttpServer()).get(`/exports/completion/records.csv?year=${YEAR}&status=COMPLETED`).set('authorization', `Bearer ${admin}`);
    expect(list.text.split('\r\n').filter(Boolean)).toHaveLength(1 + sums.completed);
    // every column of every row, the cadre's and the unit's names included
    const everyone = await request(api.app.getHttpServer()).get(`/exports/completion/records.csv?year=${YEAR}`).set('authorization', `Bearer ${admin}`);
    const [header, ...lines] = everyone.text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(header.split(',')).toHaveLength(14);
    const expected: { name: string; unit: string; tier: string; status: string; due: string }[] = await db().query(
      `SELECT u.name, un.name AS unit, r.tier, r.status, to_char(r.due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS due
         FROM completion_records r JOIN users u ON u.id = r.user_id JOIN units un ON un.id = r.unit_id WHERE r.year = $1 ORDER BY un.name, u.name`,
      [YEAR],
    );
    expect(lines.map((l) => l.split(','))).toEqual(expected.map((e) => [e.name, e.unit, e.tier, expect.any(String), expect.any(String), expect.any(String), expect.any(String), expect.any(String), expect.any(String), expect.any(String), expect.any(String), expect.any(String), e.status, e.due]));
    expect((await request(api.app.getHttpServer()).get(`/exports/completion/report.csv?year=${YEAR}`).set('authorization', `Bearer ${cadre}`)).status).toBe(403);
  });

  it('a page of records costs the same number of SQL statements for 2 or 12 records (credits and people are batched)', async () => {
    const LIST = `query($y: Int!, $first: Int) { completionRecords(year: $y, first: $first) { nodes { status person { name } credits { hours } } } }`;
    const count = async (first: number) => {
      const spy = jest.spyOn(Client.prototype, 'query');
      try {
        const res = await api.ok(LIST, { y: YEAR, first }, admin);
        expect(res.completionRecords.nodes).toHaveLength(first);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    expect(await count(12)).toBe(await count(2));
  });

  it('a tier change by an administrator recomputes the record through the worker and keeps the history', async () => {
    await api.ok(RECORD, { y: YEAR }, await api.login('13800000005', org.password));
    await api.ok('mutation($id: ID!) { updateUser(id: $id, input: { tier: ON_JOB }) { tier } }', { id: org.otherCadre.id }, admin);
    const history = await eventually(async () => {
      const [row] = await db().query(`SELECT tier, tier_history FROM completion_records WHERE user_id = $1 AND year = $2`, [org.otherCadre.id, YEAR]);
      return row.tier === 'ON_JOB' ? row.tier_history : undefined;
    }, 'the record to follow the new tier');
    expect(history).toEqual([{ from: 'RESERVE', to: 'ON_JOB', at: expect.any(String) }]);
  });

  it('a tier change by a cadre import recomputes the record through the worker too', async () => {
    await api.ok(RECORD, { y: YEAR }, await api.login('13800000005', org.password));
    const [{ tier }] = await db().query(`SELECT tier FROM completion_records WHERE user_id = $1 AND year = $2`, [org.otherCadre.id, YEAR]);
    const next = tier === 'RETIRED' ? ['在职', 'ON_JOB'] : ['退休', 'RETIRED'];
    const csv = ['姓名,手机,单位,层级', `张干部,13800000005,清河镇,${next[0]}`].join('\n');
    const imported = await api.ok('mutation($i: ImportCadresInput!) { importCadres(input: $i) { updated failed } }', { i: { csv, initialPassword: 'Welcome2026' } }, admin);
    expect(imported.importCadres).toEqual({ updated: 1, failed: 0 });
    const row = await eventually(async () => {
      const [r] = await db().query(`SELECT tier, tier_history FROM completion_records WHERE user_id = $1 AND year = $2`, [org.otherCadre.id, YEAR]);
      return r.tier === next[1] ? r : undefined;
    }, 'the record to follow the imported tier');
    expect(row.tier_history.at(-1)).toEqual({ from: tier, to: next[1], at: expect.any(String) });
  });
});
