/**
 * Full recompute of completion records: 100,000 cadres across the four tiers
 * in 21 units, about 20 learning events each (class-hour credits from
 * courses, quizzes and tours, course completions of 12 required courses).
 * The recompute runs on one worker process (the production build) as an
 * administrator would start it; in the same run one single SQL statement
 * computes the same hours per cadre (the floor), and the ratio is printed.
 * While the recompute runs, 20 cadres keep asking the API for their record;
 * its p95 is printed too.
 */
import { CompletionRecordsService, computeRecordsSql } from '@qinglian/completion';
import { buildApps, seedOrganisation, startProcess, startTestApi } from '@qinglian/testing';
import os from 'node:os';
import { freePort, percentile, sleep } from './support';
import { DataSource } from 'typeorm';

const CADRES = Number(process.env.BENCH_CADRES ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();


async function main(): Promise<void> {
  const api = await startTestApi('bench-completion', { DATABASE_POOL_SIZE: '10' });
  const build = buildApps();
  let worker: ReturnType<typeof startProcess> | undefined;
  let failed = false;
  try {
    const db = api.app.get(DataSource);
    const org = await seedOrganisation(api.app);
    const admin = await api.login('13800000001', org.password);
    const t0 = performance.now();
    // 20 townships under the city; cadres spread over them and the office
    await db.query(`INSERT INTO units (id, name, parent_id, path, depth) SELECT g.id, '乡镇' || g.n, $1, $2 || g.id || '/', 1 FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 20) n) g`, [org.city.id, org.city.path]);
    await db.query(
      `INSERT INTO users (name, phone, unit_id, roles, tier, is_leading, appointment_date)
       SELECT '干部' || n, '15' || lpad(n::text, 9, '0'), u.id, ARRAY['CADRE'], (ARRAY['NEW_APPOINTEE','RESERVE','ON_JOB','ON_JOB','ON_JOB','RETIRED'])[1 + n % 6], n % 50 = 0,
              CASE WHEN n % 6 = 0 THEN make_date($2, 1 + n % 12, 1 + n % 28) END
         FROM generate_series(1, $1) n
         JOIN LATERAL (SELECT id FROM units WHERE depth = 1 ORDER BY id OFFSET n % 21 LIMIT 1) u ON true`,
      [CADRES, YEAR],
    );
    const courses: { id: string }[] = await db.query(
      `INSERT INTO courses (title, subject, class_hours, unit_id, year, required_tiers, status, revision, published_at)
       SELECT '必修课' || n, 'PARTY_DISCIPLINE', 2, $1, $2, CASE WHEN n % 3 = 0 THEN ARRAY['ON_JOB'] WHEN n % 3 = 1 THEN ARRAY['NEW_APPOINTEE','RESERVE'] ELSE ARRAY['ON_JOB','RESERVE'] END, 'PUBLISHED', 1, now()
         FROM generate_series(1, 12) n RETURNING id`,
      [org.city.id, YEAR],
    );
    // about EVENTS per cadre: course completions (with their credits), quiz and tour credits
    await db.query(
      `INSERT INTO course_completions (user_id, course_id, revision, class_hours, completed_at, year)
       SELECT u.id, c.id, 1, 2, now(), $1 FROM users u CROSS JOIN LATERAL (SELECT id FROM unnest($2::uuid[]) id WHERE hashtext(u.id::text || id::text) & 1 = 0) c WHERE u.tier IS NOT NULL`,
      [YEAR, courses.map((c) => c.id)],
    );
    await db.query(
      `INSERT INTO class_hour_credits (user_id, source, source_id, title, hours, earned_at, year)
       SELECT user_id, 'COURSE', course_id, '必修课', class_hours, completed_at, year FROM course_completions WHERE year = $1`,
      [YEAR],
    );
    await db.query(
      `INSERT INTO class_hour_credits (user_id, source, source_id, title, hours, earned_at, year)
       SELECT u.id, CASE WHEN k % 3 = 0 THEN 'TOUR' ELSE 'QUIZ' END, gen_random_uuid(), '学习活动', (1 + k % 4) * 0.5, now(), $1
         FROM users u CROSS JOIN generate_series(1, $2 - 6) k WHERE u.tier IS NOT NULL`,
      [YEAR, EVENTS],
    );
    // a settled database, as autovacuum leaves it (visibility map set, statistics current)
    await db.query('VACUUM ANALYZE');
    const [{ cadres, events }] = await db.query(
      `SELECT (SELECT count(*)::int FROM users WHERE tier IS NOT NULL) AS cadres,
              (SELECT count(*)::int FROM class_hour_credits) + (SELECT count(*)::int FROM course_completions) AS events`,
    );
    console.log(`completion recompute: ${cadres} cadres, ${events} learning events (credits and course completions), ${courses.length} required courses; seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0].model})`);

    // the floor: one statement computing the hours per cadre of the year
    const floors: number[] = [];
    for (let i = 0; i < 3; i++) {
      const f0 = performance.now();
      await db.query(
        `SELECT count(*), sum(total) FROM (
           SELECT user_id, sum(hours) FILTER (WHERE source = 'COURSE') AS course, sum(hours) FILTER (WHERE source = 'QUIZ') AS quiz,
                  sum(hours) FILTER (WHERE source = 'TOUR') AS tour, sum(hours) AS total
             FROM class_hour_credits WHERE year = $1 GROUP BY user_id) x`,
        [YEAR],
      );
      floors.push((performance.now() - f0) / 1000);
    }
    const floor = Math.min(...floors);

    // two more references, each run in a transaction that is rolled back:
    // the recompute's own statement over every cadre at once (no batches, no worker), and
    // writing 100,000 records alone (constant values, the same table, keys and constraints)
    const allIds = (await db.query(`SELECT id FROM users WHERE tier IS NOT NULL ORDER BY id`)).map((r: { id: string }) => r.id);
    const rolledBack = async (sql: string, params: unknown[]): Promise<number> => {
      const runner = db.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await runner.query('SET LOCAL jit = off');
        // the rules the worker would create (the defaults), inside the rolled-back transaction
        await api.app.get(CompletionRecordsService).ensureDefaultRules(runner.manager, YEAR);
        const s0 = performance.now();
        await runner.query(sql, params);
        return (performance.now() - s0) / 1000;
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    };
    const oneStatement = await rolledBack(computeRecordsSql(), [YEAR, allIds, new Date()]);
    const writeOnly = await rolledBack(
      `INSERT INTO completion_records (user_id, year, tier, unit_id, required_hours, earned_course, earned_quiz, earned_tour, earned_carry, earned_total,
                                       required_course_hours, film_hours, items_total, items_done, missing, status, due_at, computed_at)
       SELECT id, $1, tier, unit_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '[]'::jsonb, 'NOT_STARTED', now(), now() FROM users WHERE tier IS NOT NULL`,
      [YEAR],
    );

    if (process.env.BENCH_EXPLAIN === '1') {
      const ids = (await db.query(`SELECT id FROM users WHERE tier IS NOT NULL ORDER BY id LIMIT 5000`)).map((r: { id: string }) => r.id);
      await db.query(`INSERT INTO completion_rules (year, tier) SELECT $1, t FROM unnest(ARRAY['NEW_APPOINTEE','RESERVE','ON_JOB','RETIRED']) t ON CONFLICT DO NOTHING`, [YEAR]);
      await db.query('SET jit = off');
      const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS off) ${computeRecordsSql()}`, [YEAR, ids, new Date()]);
      console.log(plan.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
      return;
    }
    // the worker process, then the recompute as an administrator starts it
    const env = { ...api.env, LOG_LEVEL: 'warn', NODE_ENV: 'production', DATABASE_POOL_SIZE: '10', WORKER_HEALTH_PORT: String(await freePort()) };
    worker = startProcess(build.entry('worker'), env);
    await worker.waitForOutput(/./, 30_000).catch(() => undefined);
    await sleep(1500);
    const tokens = await Promise.all(
      (await db.query(`SELECT id FROM users WHERE tier IS NOT NULL ORDER BY random() LIMIT 20`)).map((r: { id: string }) => api.tokenFor(r.id)),
    );
    const runs: number[] = [];
    const latencies: number[] = [];
    for (let round = 1; round <= 2; round++) {
      const started = performance.now();
      const run = await api.gql('mutation($y: Int!) { recomputeCompletion(year: $y) { id total } }', { y: YEAR }, admin);
      const runId = run.data!.recomputeCompletion.id;
      let status = 'RUNNING';
      const readers = tokens.map(async (token) => {
        while (status === 'RUNNING') {
          const q0 = performance.now();
          const res = await api.gql('query($y: Int!) { myCompletionRecord(year: $y) { status earnedTotal } }', { y: YEAR }, token);
          latencies.push(performance.now() - q0);
          if (res.errors) failed = true;
          await sleep(100);
        }
      });
      let done = 0;
      while (status === 'RUNNING') {
        await sleep(100);
        const [row] = await db.query(`SELECT status, done FROM completion_runs WHERE id = $1`, [runId]);
        status = row.status;
        done = row.done;
      }
      await Promise.all(readers);
      runs.push((performance.now() - started) / 1000);
      if (status !== 'DONE' || done !== cadres) {
        failed = true;
        console.log(`  run ${round}: ${status}, ${done} of ${cadres}\n${worker.output().slice(-2000)}`);
      }
    }
    latencies.sort((a, b) => a - b);
    const [{ n, completed }] = await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed FROM completion_records WHERE year = $1`, [YEAR]);
    const best = Math.min(...runs);
    console.log(`floor (one SELECT of hours per cadre, best of 3): ${floor.toFixed(2)} s`);
    console.log(`full recompute on one worker (${n} records written, ${completed} completed; first run creates, second updates): ${runs.map((r) => `${r.toFixed(2)} s`).join(', ')}`);
    console.log(`ratio to the floor: ${(best / floor).toFixed(2)}x (best run), ${(runs[0] / floor).toFixed(2)}x (first run)`);
    console.log(`references: writing ${cadres} records alone (one INSERT of constants, rolled back) ${writeOnly.toFixed(2)} s = ${(writeOnly / floor).toFixed(2)}x the floor; the record statement over all cadres at once (rolled back) ${oneStatement.toFixed(2)} s; best run : that = ${(best / oneStatement).toFixed(2)}x`);
    console.log(`API while recomputing: myCompletionRecord p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms (n=${latencies.length})`);
    if (n !== cadres) failed = true;
  } finally {
    if (worker) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    build.remove();
    await api.close();
  }
  if (failed) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
