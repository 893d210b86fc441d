import { buildApps, createRedisNamespace, createTestDatabase, RunningProcess, startProcess, TEST_REDIS_URL, TestDatabase, testEnvironment } from '@qinglian/testing';
import * as argon2 from 'argon2';
import { Queue } from 'bullmq';
import { Client } from 'pg';

/**
 * The real entry points, compiled as in production and run as processes:
 * configuration failures, health endpoints, structured logs and graceful
 * shutdown of the API and the worker.
 */
describe('processes: config, health, logs, graceful shutdown', () => {
  let build: ReturnType<typeof buildApps>;
  let db: TestDatabase;
  const redis = createRedisNamespace();
  let env: Record<string, string>;
  let sql: Client;
  const running: RunningProcess[] = [];

  beforeAll(async () => {
    build = buildApps();
    db = await createTestDatabase('processes');
    env = { ...testEnvironment(db, redis.prefix), LOG_LEVEL: 'info', API_HOST: '127.0.0.1', API_PORT: '0', WORKER_HEALTH_PORT: '0' };
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    const [{ id: unitId }] = (await sql.query(`INSERT INTO units (id, name, path, depth) VALUES ('11111111-1111-4111-8111-111111111111', '青莲市', '/11111111-1111-4111-8111-111111111111/', 0) RETURNING id`)).rows;
    await sql.query(`INSERT INTO users (id, name, phone, password_hash, unit_id, roles) VALUES ('22222222-2222-4222-8222-222222222222', '周明', '13900000001', $1, $2, ARRAY['ADMIN'])`, [await argon2.hash('Qinglian2026'), unitId]);
  });

  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await sql?.end();
    await db?.drop();
    await redis.clear();
    build?.remove();
  });

  const start = (app: 'api' | 'worker', extra: Record<string, string> = {}) => {
    const p = startProcess(build.entry(app), { ...env, ...extra });
    running.push(p);
    return p;
  };
  const portOf = async (p: RunningProcess, pattern: RegExp) => {
    await p.waitForOutput(pattern);
    return Number(pattern.exec(p.output())![1]);
  };

  it.each(['api', 'worker'] as const)('%s: a missing or malformed variable stops boot with one line naming it', async (app) => {
    const { DATABASE_URL: _omitted, ...withoutDb } = env;
    const missing = startProcess(build.entry(app), withoutDb);
    expect(await missing.exited).toEqual({ code: 78, signal: null });
    expect(missing.output().trim().split('\n')).toEqual([expect.stringMatching(/^qinglian-\w+: Invalid configuration: DATABASE_URL is required/)]);

    const malformed = startProcess(build.entry(app), { ...env, JWT_SECRET: 'short', REDIS_URL: 'http://localhost' });
    expect((await malformed.exited).code).toBe(78);
    const line = malformed.output().trim();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/REDIS_URL must be a URL starting with redis:\/\//);
    expect(line).toMatch(/JWT_SECRET must be at least 32 characters long/);
  });

  it('api: drains an in-flight request on SIGTERM, then exits; every request log line carries the request id', async () => {
    const api = start('api');
    const port = await portOf(api, /listening on http:\/\/127\.0\.0\.1:(\d+)\/graphql/);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);

    const gql = async (query: string, variables: object, token?: string, requestId?: string) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(requestId ? { 'x-request-id': requestId } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as any;
    };
    const token = (await gql('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: '13900000001', password: 'Qinglian2026' } })).data.login.accessToken;

    // a large import keeps the request busy while SIGTERM arrives
    const rows = Array.from({ length: 6000 }, (_, i) => `干部${i},139${String(20000000 + i)},青莲市,在职`);
    const csv = ['姓名,手机,单位,层级', ...rows].join('\n');
    const inFlight = gql('mutation($i: ImportCadresInput!) { importCadres(input: $i) { created failed } }', { i: { csv, initialPassword: 'Welcome2026' } }, token, 'import-during-shutdown');
    await api.waitForOutput(/"requestId":"import-during-shutdown"/, 10_000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    api.child.kill('SIGTERM');

    const result = await inFlight;
    expect(result.data.importCadres).toEqual({ created: 6000, failed: 0 });
    const exit = await api.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(api.output()).toMatch(/SIGTERM received: draining/);
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();

    const requestLines = api
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .filter((l) => l.req);
    expect(requestLines.length).toBeGreaterThanOrEqual(2); // login and import (health probes are not logged)
    for (const line of requestLines) expect(line.requestId).toEqual(line.req.id);
    expect(requestLines.some((l) => l.requestId === 'import-during-shutdown')).toBe(true);
  });

  it('worker: health on its own port, jobs logged with their job id, SIGTERM lets the running job finish and nothing runs twice', async () => {
    await sql.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       SELECT '22222222-2222-4222-8222-222222222222', gen_random_uuid(), md5(i::text) || md5((i * 7)::text), now() - interval '1 day'
         FROM generate_series(1, 20000) AS i`,
    );
    const worker = start('worker');
    const port = await portOf(worker, /health on port (\d+)/);
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    const ready = (await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()) as { status: string };
    expect(ready.status).toBe('ok');

    const queue = new Queue('maintenance', { connection: { url: TEST_REDIS_URL }, prefix: `${redis.prefix}:bull` });
    try {
      // small batches make the purge take long enough to be interrupted
      const job = await queue.add('purge-expired-refresh-tokens', { batchSize: 4 }, { jobId: 'purge-during-shutdown' });
      for (let i = 0; i < 200 && (await job.getState()) !== 'active'; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await job.getState()).toBe('active');
      worker.child.kill('SIGTERM');
      const exit = await worker.exited;
      expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);

      const finished = (await queue.getJob('purge-during-shutdown'))!;
      expect(await finished.getState()).toBe('completed');
      expect(finished.returnvalue).toEqual({ deleted: 20000 });
      expect(finished.attemptsStarted).toBe(1);
      expect((await sql.query('SELECT count(*)::int AS n FROM refresh_tokens WHERE expires_at < now()')).rows[0].n).toBe(0);

      const jobLines = worker
        .output()
        .split('\n')
        .filter((l) => l.includes('"jobId"'))
        .map((l) => JSON.parse(l));
      expect(jobLines.map((l) => l.msg)).toEqual(expect.arrayContaining(['job started', 'job completed']));
      for (const line of jobLines) expect(line).toMatchObject({ jobId: 'purge-during-shutdown', queue: 'maintenance', job: 'purge-expired-refresh-tokens' });
      expect(jobLines.find((l) => l.msg === 'job completed').durationMs).toBeGreaterThan(0);

      // a worker started again finds nothing left to run for that job
      const again = start('worker');
      const againPort = await portOf(again, /health on port (\d+)/);
      // it does run new work, and counts it on /health/jobs
      const next = await queue.add('purge-expired-refresh-tokens', { batchSize: 5000 }, { jobId: 'purge-after-restart' });
      for (let i = 0; i < 400 && (await next.getState()) !== 'completed'; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await next.getState()).toBe('completed');
      // the count is taken on the worker's 'completed' event, a moment after the state changes
      let counts: { jobs: Record<string, unknown> } = { jobs: {} };
      for (let i = 0; i < 40 && Object.keys(counts.jobs).length === 0; i++) {
        counts = (await (await fetch(`http://127.0.0.1:${againPort}/health/jobs`)).json()) as { jobs: Record<string, unknown> };
        if (Object.keys(counts.jobs).length === 0) await new Promise((r) => setTimeout(r, 25));
      }
      expect(counts.jobs).toEqual({ 'maintenance/purge-expired-refresh-tokens': { completed: 1, failed: 0 } });
      again.child.kill('SIGTERM');
      await again.exited;
      expect(again.output()).not.toMatch(/"jobId":"purge-during-shutdown"/);
    } finally {
      await queue.close();
    }
  });
});
