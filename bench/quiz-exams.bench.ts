/**
 * Integrity exam under load: 500 cadres start and submit a 40-question exam
 * (drawn per attempt from a bank of 200, options shuffled) within one minute,
 * against one API process and one worker process (the production build, each
 * its own process). Each cadre starts at a random moment in the first 20 s,
 * spends 10-30 s on the questions, saves the 40 answers (one batch save, as
 * the player flushes them) and submits. Prints attempts per second, latency
 * of start (drawing 40 questions), save and submit (submit grades on the
 * server), the delay until the worker has processed every graded attempt,
 * and the memory of both processes. BENCH_AUTOSAVE=1 saves each answer with
 * its own request instead, as fast as the server answers (a stress ceiling).
 */
import { buildApps, seedOrganisation, startProcess, startTestApi } from '@qinglian/testing';
import os from 'node:os';
import { accessTokens, freePort, graphqlClient, GraphQLResult, percentile, rssMb, sleep, waitUntilReady } from './support';
import { Client } from 'pg';

const CADRES = Number(process.env.BENCH_CADRES ?? 500);
const QUESTIONS = 40;
const SPREAD_S = Number(process.env.BENCH_SPREAD_SECONDS ?? 20);
const AUTOSAVE = process.env.BENCH_AUTOSAVE === '1';


async function main(): Promise<void> {
  // 1. the organisation, 500 cadres, a bank of 200 questions and the exam, set up in-process
  const setup = await startTestApi('bench-exams');
  const env = setup.env;
  let cadreIds: string[];
  let examId: string;
  try {
    const org = await seedOrganisation(setup.app);
    const admin = await setup.login('13800000001', org.password);
    const csv = ['姓名,手机,单位,层级', ...Array.from({ length: CADRES }, (_, i) => `应考${i},134${String(i).padStart(8, '0')},清河镇,新任职`)].join('\n');
    const imported = await setup.gql('mutation($i: ImportCadresInput!) { importCadres(input: $i) { created rows { userId } } }', { i: { csv, initialPassword: 'Welcome2026' } }, admin);
    cadreIds = imported.data!.importCadres.rows.map((r: { userId: string }) => r.userId);
    const bank = [
      ...Array.from({ length: 100 }, (_, i) => ({ kind: 'SINGLE_CHOICE', stem: `单选题${i}？`, options: ['甲', '乙', '丙', '丁'], answer: ['ABCD'[i % 4]], subject: 'PARTY_DISCIPLINE', difficulty: (i % 5) + 1, explanation: `解析${i}` })),
      ...Array.from({ length: 60 }, (_, i) => ({ kind: 'TRUE_FALSE', stem: `判断题${i}。`, answer: [i % 2 ? 'TRUE' : 'FALSE'], subject: 'PARTY_DISCIPLINE', difficulty: 2 })),
      ...Array.from({ length: 40 }, (_, i) => ({ kind: 'MULTIPLE_CHOICE', stem: `多选题${i}？`, options: ['甲', '乙', '丙', '丁'], answer: ['AB'], subject: 'LAWS_AND_REGULATIONS', difficulty: 3 })),
    ];
    const report = await setup.gql('mutation($i: ImportQuestionsInput!) { importQuestions(input: $i) { created failed } }', { i: { format: 'JSON', content: JSON.stringify(bank) } }, admin);
    if (report.data!.importQuestions.created !== bank.length) throw new Error(`question import: ${JSON.stringify(report)}`);
    const exam = await setup.gql(
      'mutation($i: QuizInput!) { createQuiz(input: $i) { id } }',
      {
        i: {
          title: '任前廉政法规知识考试',
          mode: 'DRAW',
          drawRules: [
            { count: 20, kind: 'SINGLE_CHOICE', maxDifficulty: 3 },
            { count: 10, kind: 'TRUE_FALSE' },
            { count: 10, kind: 'MULTIPLE_CHOICE' },
          ],
          passMark: 80,
          maxAttempts: 2,
          timeLimitSeconds: 1800,
          integrityExam: true,
        },
      },
      admin,
    );
    examId = exam.data!.createQuiz.id;
    await setup.gql('mutation($id: ID!) { publishQuiz(id: $id) { status } }', { id: examId }, admin);
  } finally {
    await setup.app.close();
  }

  // 2. the production build: one API process and one worker process on the same database and Redis prefix
  const build = buildApps();
  const port = await freePort();
  const common = { ...env, LOG_LEVEL: 'warn', NODE_ENV: 'production', DATABASE_POOL_SIZE: '10' };
  const api = startProcess(build.entry('api'), { ...common, API_HOST: '127.0.0.1', API_PORT: String(port) });
  const workerPort = await freePort();
  const worker = startProcess(build.entry('worker'), { ...common, WORKER_HEALTH_PORT: String(workerPort) });
  let failed = false;
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(`${url}/health/ready`, () => api.output());
    const tokens = await accessTokens(env.JWT_SECRET, cadreIds);
    const gql = graphqlClient(url);
    const START = 'mutation($q: ID!) { startQuizAttempt(quizId: $q) { id items { position kind options { label } } } }';
    const SAVE = 'mutation($a: ID!, $p: Int!, $ans: AnswerInput!) { saveQuizAnswer(attemptId: $a, position: $p, answer: $ans) { position } }';
    const SUBMIT = 'mutation($a: ID!) { submitQuizAttempt(attemptId: $a) { status percent gradedAt } }';
    const SAVE_ALL = 'mutation($a: ID!, $answers: [PositionedAnswerInput!]!) { saveQuizAnswers(attemptId: $a, answers: $answers) }';

    const apiPid = api.child.pid!;
    const workerPid = worker.child.pid!;
    const rss = { apiStart: rssMb(apiPid), workerStart: rssMb(workerPid), apiPeak: 0, workerPeak: 0 };
    const sampler = setInterval(() => {
      rss.apiPeak = Math.max(rss.apiPeak, rssMb(apiPid));
      rss.workerPeak = Math.max(rss.workerPeak, rssMb(workerPid));
    }, 250);
    const lat = { start: [] as number[], save: [] as number[], submit: [] as number[] };
    let errors = 0;
    const fail = (what: string, res: { errors?: { message: string }[] }) => {
      errors++;
      if (errors <= 3) console.log(`  ${what} error: ${res.errors?.[0]?.message}`);
    };
    const timed = async (bucket: number[], call: () => Promise<GraphQLResult>) => {
      const t0 = performance.now();
      const res = await call().catch((e: Error) => ({ errors: [{ message: e.message }] }) as GraphQLResult);
      bucket.push(performance.now() - t0);
      return res;
    };
    console.log(`integrity exam: ${CADRES} cadres start within ${SPREAD_S} s and submit a ${QUESTIONS}-question drawn exam; one API process, one worker (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0].model})`);
    const started = performance.now();
    let submittedAt = 0;
    await Promise.all(
      tokens.map(async (token) => {
        await sleep(Math.random() * SPREAD_S * 1000);
        const s = await timed(lat.start, () => gql(token, START, { q: examId }));
        if (!s.data?.startQuizAttempt) return fail('start', s);
        const attempt = s.data.startQuizAttempt;
        if (attempt.items.length !== QUESTIONS) return fail('start', { errors: [{ message: `${attempt.items.length} questions` }] });
        const answerOf = (item: { kind: string }) => (item.kind === 'TRUE_FALSE' ? { truth: Math.random() < 0.5 } : { choices: item.kind === 'SINGLE_CHOICE' ? ['A'] : ['A', 'B'] });
        if (AUTOSAVE) {
          for (const item of attempt.items) {
            const r = await timed(lat.save, () => gql(token, SAVE, { a: attempt.id, p: item.position, ans: answerOf(item) }));
            if (r.errors) fail('save', r);
          }
        } else {
          await sleep(10_000 + Math.random() * 20_000); // reading and answering
          const answers = attempt.items.map((item: { position: number; kind: string }) => ({ position: item.position, answer: answerOf(item) }));
          const r = await timed(lat.save, () => gql(token, SAVE_ALL, { a: attempt.id, answers }));
          if (r.data?.saveQuizAnswers !== QUESTIONS) fail('save', r);
        }
        const r = await timed(lat.submit, () => gql(token, SUBMIT, { a: attempt.id }));
        if (r.data?.submitQuizAttempt?.status !== 'GRADED') fail('submit', r);
        submittedAt = performance.now();
      }),
    );
    const seconds = (submittedAt - started) / 1000;
    // the worker handles each graded attempt (integrity record, lessons, hours): wait until the queue is empty
    const drainStarted = performance.now();
    const graded = Number((await db.query(`SELECT count(*) AS n FROM quiz_attempts WHERE quiz_id = $1 AND status = 'GRADED'`, [examId])).rows[0].n);
    let processed = 0;
    for (let i = 0; i < 1200 && processed < graded; i++) {
      const jobs = (await fetch(`http://127.0.0.1:${workerPort}/health/jobs`)
        .then((r) => r.json())
        .catch(() => ({}))) as Record<string, any>;
      processed = jobs.jobs?.['completion/quiz-attempt-graded']?.completed ?? 0;
      if (processed < graded) await sleep(100);
    }
    if (processed < graded) failed = true;
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    clearInterval(sampler);
    for (const k of Object.values(lat)) k.sort((a, b) => a - b);
    failed = failed || errors > 0 || graded !== CADRES;
    const attempts = lat.submit.length;
    const perAttempt = AUTOSAVE ? QUESTIONS + 2 : 3;
    console.log(`attempts: ${attempts} started and submitted in ${seconds.toFixed(1)} s = ${(attempts / seconds).toFixed(1)} attempts/s (${perAttempt} requests each, answers saved ${AUTOSAVE ? 'one request per answer' : 'in one batch'}); graded ${graded}; errors ${errors}`);
    for (const [name, xs] of Object.entries(lat)) {
      console.log(`${name.padEnd(6)} ms: p50 ${percentile(xs, 50).toFixed(1)}  p95 ${percentile(xs, 95).toFixed(1)}  p99 ${percentile(xs, 99).toFixed(1)}  max ${xs[xs.length - 1].toFixed(1)}  (n=${xs.length})`);
    }
    console.log(`worker: ${processed} of ${graded} graded attempts processed (integrity record, lessons, hours) ${drainSeconds.toFixed(1)} s after the last submit`);
    console.log(`resident memory MB: API ${rss.apiStart.toFixed(0)} -> peak ${rss.apiPeak.toFixed(0)}; worker ${rss.workerStart.toFixed(0)} -> peak ${rss.workerPeak.toFixed(0)}`);
  } finally {
    await db.end();
    api.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    await Promise.all([api.exited, worker.exited]);
    build.remove();
    await setup.db.drop();
  }
  if (failed) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
