/**
 * Study-tour sign-ups under contention: 2,000 cadres sign up at once, over
 * HTTP, for a tour with 100 seats; repeated 10 times on fresh tours. Prints
 * sign-ups per second, latency percentiles, and checks after every run that
 * exactly 100 are confirmed and 1,900 waitlisted (the counter agreeing).
 */
import { seedOrganisation, startTestApi } from '@qinglian/testing';
import { DataSource } from 'typeorm';

const CADRES = Number(process.env.BENCH_CADRES ?? 2000);
const SEATS = Number(process.env.BENCH_SEATS ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main(): Promise<void> {
  const api = await startTestApi('bench', { DATABASE_POOL_SIZE: '20' });
  let failed = false;
  try {
    const org = await seedOrganisation(api.app);
    const admin = await api.login('13800000001', org.password);
    const csv = ['姓名,手机,单位,层级', ...Array.from({ length: CADRES }, (_, i) => `学员${i},136${String(i).padStart(8, '0')},清河镇,在职`)].join('\n');
    const imported = await api.gql('mutation($i: ImportCadresInput!) { importCadres(input: $i) { created rows { userId } } }', { i: { csv, initialPassword: 'Welcome2026' } }, admin);
    const tokens = await Promise.all(imported.data!.importCadres.rows.map((r: { userId: string }) => api.tokenFor(r.userId)));
    const db = api.app.get(DataSource);
    const url = `${api.url.replace('[::1]', '127.0.0.1')}/graphql`;
    const body = (tourId: string) => JSON.stringify({ query: 'mutation($t: ID!) { signUpForTour(tourId: $t) { status } }', variables: { t: tourId } });

    console.log(`study-tour sign-ups: ${CADRES} at once for ${SEATS} seats, ${RUNS} runs (node ${process.version}, ${require('node:os').cpus().length} cores)`);
    console.log('run  sign-ups/s  p50 ms  p95 ms  max ms  confirmed  waitlisted  errors');
    const rates: number[] = [];
    const p95s: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const input = { title: `基准测试 ${run}`, kind: 'OTHER', destination: '青莲', startsAt: hours(72), endsAt: hours(76), capacity: SEATS, signUpOpensAt: hours(-1), signUpClosesAt: hours(48), cancelCutoffAt: hours(24) };
      const tourId = (await api.gql('mutation($input: CreateTourInput!) { createStudyTour(input: $input) { id } }', { input }, admin)).data!.createStudyTour.id;
      await api.gql('mutation($id: ID!) { openStudyTour(id: $id) { status } }', { id: tourId }, admin);
      const latencies: number[] = [];
      let errors = 0;
      const started = performance.now();
      await Promise.all(
        tokens.map(async (token) => {
          const t0 = performance.now();
          try {
            const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body(tourId) });
            const text = await res.text();
            const json = (text ? JSON.parse(text) : {}) as { errors?: { message: string }[] };
            if (json.errors || !text) {
              errors++;
              if (errors <= 3) console.log(`  error: HTTP ${res.status} ${text.slice(0, 200)}`);
            }
          } catch (error) {
            errors++;
            if (errors <= 3) console.log(`  error: ${(error as Error).message}`);
          }
          latencies.push(performance.now() - t0);
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const [row] = await db.query(
        `SELECT t.confirmed_count, count(*) FILTER (WHERE s.status = 'CONFIRMED')::int AS confirmed, count(*) FILTER (WHERE s.status = 'WAITLISTED')::int AS waitlisted
           FROM study_tours t JOIN tour_signups s ON s.tour_id = t.id WHERE t.id = $1 GROUP BY t.id`,
        [tourId],
      );
      latencies.sort((a, b) => a - b);
      const rate = CADRES / seconds;
      rates.push(rate);
      p95s.push(percentile(latencies, 95));
      const ok = row.confirmed === SEATS && row.confirmed_count === SEATS && row.waitlisted === CADRES - SEATS && errors === 0;
      if (!ok) failed = true;
      console.log(
        `${String(run).padStart(3)}  ${rate.toFixed(0).padStart(10)}  ${percentile(latencies, 50).toFixed(0).padStart(6)}  ${percentile(latencies, 95).toFixed(0).padStart(6)}  ${latencies[latencies.length - 1].toFixed(0).padStart(6)}  ${String(row.confirmed).padStart(9)}  ${String(row.waitlisted).padStart(10)}  ${String(errors).padStart(6)}${ok ? '' : '  <- WRONG'}`,
      );
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(`mean: ${mean(rates).toFixed(0)} sign-ups/s, p95 ${mean(p95s).toFixed(0)} ms; every run ended with exactly ${SEATS} confirmed: ${failed ? 'NO' : 'yes'}`);
  } finally {
    await api.close();
  }
  if (failed) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
