/**
 * Film heartbeats: 200 cadres watch a film at once, each player sending a
 * heartbeat every 5 s for 2 minutes, against one API process (the production
 * build, started as its own process so its memory is its own). Prints
 * heartbeats per second sustained, latency percentiles and the API's resident
 * memory, and checks that every cadre was credited about the time they watched.
 */
import { buildApps, seedOrganisation, startProcess, startTestApi } from '@qinglian/testing';
import os from 'node:os';
import { accessTokens, freePort, graphqlClient, percentile, rssMb, sleep, waitUntilReady } from './support';
import { DataSource } from 'typeorm';

const CADRES = Number(process.env.BENCH_CADRES ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
const INTERVAL_S = 5;


async function main(): Promise<void> {
  // 1. an organisation, 200 cadres and a published course with a 10-minute film, set up in-process
  const setup = await startTestApi('bench-heartbeats');
  const env = setup.env;
  let cadreIds: string[];
  let lessonId: string;
  try {
    const org = await seedOrganisation(setup.app);
    const admin = await setup.login('13800000001', org.password);
    const csv = ['姓名,手机,单位,层级', ...Array.from({ length: CADRES }, (_, i) => `观看${i},135${String(i).padStart(8, '0')},清河镇,在职`)].join('\n');
    const imported = await setup.gql('mutation($i: ImportCadresInput!) { importCadres(input: $i) { created rows { userId } } }', { i: { csv, initialPassword: 'Welcome2026' } }, admin);
    cadreIds = imported.data!.importCadres.rows.map((r: { userId: string }) => r.userId);
    const db = setup.app.get(DataSource);
    const [film] = await db.query(
      `INSERT INTO media_assets (kind, status, storage_key, content_type, original_name, size_bytes, duration_seconds, duration_source, unit_id)
       VALUES ('VIDEO', 'READY', 'videos/bench/film.mp4', 'video/mp4', 'film.mp4', 1000000, 600, 'PROBE', $1) RETURNING id`,
      [org.city.id],
    );
    const course = await setup.gql('mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }', { input: { title: '警示教育片集中观看', subject: 'WARNING_CASES', classHours: 1, requiredTiers: ['ON_JOB'] } }, admin);
    const courseId = course.data!.createCourse.id;
    const lesson = await setup.gql('mutation($c: ID!, $input: LessonInput!) { addLesson(courseId: $c, input: $input) { id } }', { c: courseId, input: { kind: 'VIDEO', title: '警示教育片', mediaId: film.id } }, admin);
    lessonId = lesson.data!.addLesson.id;
    await setup.gql('mutation($id: ID!) { publishCourse(id: $id) { status } }', { id: courseId }, admin);
  } finally {
    await setup.app.close();
  }

  // 2. the production build as its own process on the same database
  const build = buildApps();
  const port = await freePort();
  const api = startProcess(build.entry('api'), { ...env, API_HOST: '127.0.0.1', API_PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production', DATABASE_POOL_SIZE: '10' });
  let failed = false;
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(`${url}/health/ready`, () => api.output());
    const tokens = await accessTokens(env.JWT_SECRET, cadreIds);
    const gql = graphqlClient(url);
    const START = 'mutation($l: ID!) { startVideo(lessonId: $l) { sessionId } }';
    const BEAT = 'mutation($input: VideoHeartbeatInput!) { recordVideoHeartbeat(input: $input) { creditedSeconds } }';
    const sessions = await Promise.all(
      tokens.map(async (t) => {
        const res = await gql(t, START, { l: lessonId });
        if (!res.data?.startVideo) throw new Error(`startVideo failed: ${JSON.stringify(res.errors)}`);
        return res.data.startVideo.sessionId as string;
      }),
    );

    const pid = api.child.pid!;
    const rssStart = rssMb(pid);
    let rssPeak = rssStart;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid))), 500);
    const latencies: number[] = [];
    let errors = 0;
    const beats = Math.floor(SECONDS / INTERVAL_S) + 1;
    console.log(`video heartbeats: ${CADRES} cadres, one heartbeat every ${INTERVAL_S} s for ${SECONDS} s, one API process (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0].model})`);
    const started = performance.now();
    await Promise.all(
      tokens.map(async (token, i) => {
        await sleep(Math.random() * INTERVAL_S * 1000); // players start at different moments
        const t0 = Date.now();
        for (let n = 1; n <= beats; n++) {
          const position = Math.min(600, (Date.now() - t0) / 1000);
          const sent = performance.now();
          const res = await gql(token, BEAT, { input: { sessionId: sessions[i], lessonId, seq: n, position, playbackRate: 1, visible: true, clientTime: new Date().toISOString() } }).catch((e: Error) => ({ errors: [{ message: e.message }] }));
          latencies.push(performance.now() - sent);
          if (res.errors) {
            errors++;
            if (errors <= 3) console.log(`  error: ${res.errors[0].message}`);
          }
          if (n < beats) await sleep(Math.max(0, t0 + n * INTERVAL_S * 1000 - Date.now()));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const credited: { w: number }[] = await (async () => {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      try {
        return (await client.query(`SELECT watched_seconds::float AS w FROM lesson_progress WHERE lesson_id = $1`, [lessonId])).rows;
      } finally {
        await client.end();
      }
    })();

    // ceiling: the same players send heartbeats back to back (no pause) for a few seconds
    const SATURATE_S = Number(process.env.BENCH_SATURATE_SECONDS ?? 15);
    const fast: number[] = [];
    const fastStarted = performance.now();
    const fastUntil = Date.now() + SATURATE_S * 1000;
    let fastErrors = 0;
    await Promise.all(
      tokens.map(async (token, i) => {
        const t0 = Date.now() - (beats - 1) * INTERVAL_S * 1000;
        for (let n = beats + 1; Date.now() < fastUntil; n++) {
          const sent = performance.now();
          const res = await gql(token, BEAT, { input: { sessionId: sessions[i], lessonId, seq: n, position: Math.min(600, (Date.now() - t0) / 1000), playbackRate: 1, visible: true, clientTime: new Date().toISOString() } }).catch((e: Error) => ({ errors: [{ message: e.message }] }));
          fast.push(performance.now() - sent);
          if (res.errors) fastErrors++;
        }
      }),
    );
    const fastSeconds = (performance.now() - fastStarted) / 1000;
    rssPeak = Math.max(rssPeak, rssMb(pid));
    fast.sort((a, b) => a - b);

    clearInterval(sampler);
    const rssEnd = rssMb(pid);
    latencies.sort((a, b) => a - b);
    const watchedEach = (beats - 1) * INTERVAL_S;
    const low = credited.filter((c) => c.w < watchedEach * 0.9 || c.w > watchedEach * 1.06).length;
    failed = errors > 0 || fastErrors > 0 || credited.length !== CADRES || low > 0;
    console.log(`heartbeats: ${latencies.length} in ${seconds.toFixed(1)} s = ${(latencies.length / seconds).toFixed(1)}/s sustained; errors ${errors}`);
    console.log(`latency ms: p50 ${percentile(latencies, 50).toFixed(1)}  p95 ${percentile(latencies, 95).toFixed(1)}  p99 ${percentile(latencies, 99).toFixed(1)}  max ${latencies[latencies.length - 1].toFixed(1)}`);
    console.log(`ceiling (${CADRES} players back to back for ${SATURATE_S} s): ${(fast.length / fastSeconds).toFixed(0)} heartbeats/s, p95 ${percentile(fast, 95).toFixed(1)} ms, errors ${fastErrors}`);
    console.log(`API resident memory MB: ${rssStart.toFixed(0)} at start of load, peak ${rssPeak.toFixed(0)}, ${rssEnd.toFixed(0)} at end`);
    const ws = credited.map((c) => c.w).sort((a, b) => a - b);
    console.log(`credit per cadre (s): min ${ws[0]?.toFixed(1)}  median ${percentile(ws, 50)?.toFixed(1)}  max ${ws[ws.length - 1]?.toFixed(1)} for ${watchedEach} s watched; outside 90-106%: ${low}`);
  } finally {
    api.child.kill('SIGTERM');
    await api.exited;
    build.remove();
    await setup.db.drop();
  }
  if (failed) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
