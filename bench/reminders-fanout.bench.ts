/**
 * Reminder fan-out: one campaign (a one-off date, IN_APP + EMAIL with an HTML
 * e-card) to 100,000 cadres of one township, fired by its delayed BullMQ job
 * on ONE worker process (the production build). The worker fans out in keyset
 * batches (ledger rows and in-app notifications in one transaction), then its
 * send jobs deliver every e-mail over SMTP to a local sink. Measured: time
 * from the send time (the moment the fire job is due) to the occurrence being
 * SENT (the database polled every 200 ms), deliveries/s (ledger rows SENT) and
 * e-mails/s, the sink's count (must be one message per cadre), Redis memory
 * and keys after completion, and the worker's peak resident memory.
 *
 * The sink is a minimal SMTP server (smtp-server) in this process that only
 * counts messages, recipients and bytes: startSmtpSink parses every message
 * with mailparser and would spend this 2-core machine's CPU on parsing, not on
 * what is measured (BENCH_SINK=parse uses it anyway, for comparison).
 *
 * In the same run, the baseline: a bare BullMQ worker (plain Queue/Worker,
 * same Redis, its own prefix, concurrency 100) draining 100,000 no-op jobs;
 * its jobs/s and the ratio deliveries/s : bare jobs/s are printed.
 *
 * Knobs: BENCH_CADRES (100000), BENCH_SMTP_POOL (SMTP_POOL_SIZE, 8),
 * BENCH_SEND_CONCURRENCY (REMINDER_SEND_CONCURRENCY, 16), BENCH_DB_POOL
 * (the worker's DATABASE_POOL_SIZE, 20), BENCH_EMAIL_RATE
 * (EMAIL_RATE_PER_SECOND, 100000), BENCH_BARE_JOBS (100000), BENCH_SINK
 * (count | parse), BENCH_TIMEOUT_S (900); BENCH_EXPLAIN=1 also prints the
 * plans (EXPLAIN ANALYZE) of the fan-out and send statements, run on the
 * finished ledger with its e-mail rows set back to PENDING (rolled back);
 * BENCH_WORKER_NODE_OPTIONS is passed to the worker as NODE_OPTIONS (e.g.
 * --require of a script starting the inspector's profiler; --cpu-prof itself
 * is not allowed in NODE_OPTIONS).
 */
import { Clock } from '@qinglian/common';
import { JobName, JobQueue } from '@qinglian/queue';
import { audienceCondition, HAS_SPOUSE_SQL, ReminderPlanner } from '@qinglian/reminders';
import { buildApps, seedOrganisation, startProcess, startSmtpSink, startTestApi, TEST_REDIS_URL } from '@qinglian/testing';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { rssMb, sleep } from './support';

const CADRES = Number(process.env.BENCH_CADRES ?? 100_000);
const SMTP_POOL = process.env.BENCH_SMTP_POOL ?? '8';
const SEND_CONCURRENCY = process.env.BENCH_SEND_CONCURRENCY ?? '16';
const DB_POOL = process.env.BENCH_DB_POOL ?? '20';
const EMAIL_RATE = process.env.BENCH_EMAIL_RATE ?? '100000';
const BARE_JOBS = Number(process.env.BENCH_BARE_JOBS ?? 100_000);
const SINK = process.env.BENCH_SINK === 'parse' ? 'parse' : 'count';
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 900);
/** Seconds between scheduling and the send time: the fire job waits this long in BullMQ's delayed set. */
const LEAD_S = 3;
const SEND_AT = new Date('2027-09-30T01:00:00Z'); // 09:00 in Shanghai

interface Sink {
  port: number;
  /** Messages accepted (250 after DATA). */
  messages(): number;
  /** Distinct envelope recipients over all messages. */
  distinct(): number;
  recipients(): number;
  /** Bytes of DATA received (null when the parsing sink is used). */
  bytes(): number | null;
  firstAt: number;
  lastAt: number;
  close(): Promise<void>;
}

/** A local SMTP server that accepts everything and only counts (no parsing beyond the SMTP protocol). */
async function startCountingSink(): Promise<Sink> {
  let messages = 0;
  let recipients = 0;
  let bytes = 0;
  const seen = new Set<string>();
  const sink = {} as Sink;
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    socketTimeout: 60_000,
    closeTimeout: 100,
    onData(stream, session, callback) {
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
      stream.on('end', () => {
        messages += 1;
        for (const r of session.envelope.rcptTo) {
          recipients += 1;
          seen.add(r.address.toLowerCase());
        }
        const now = Date.now();
        if (!sink.firstAt) sink.firstAt = now;
        sink.lastAt = now;
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return Object.assign(sink, {
    port: (server.server.address() as AddressInfo).port,
    messages: () => messages,
    distinct: () => seen.size,
    recipients: () => recipients,
    bytes: () => bytes,
    firstAt: 0,
    lastAt: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** The test suite's sink (mailparser on every message), behind the same counters. */
async function startParsingSink(): Promise<Sink> {
  const s = await startSmtpSink({ socketTimeoutMs: 60_000 });
  const sink: Sink = {
    port: s.port,
    messages: () => s.messages.length,
    distinct: () => new Set(s.messages.map((m) => m.to.toLowerCase())).size,
    recipients: () => s.messages.reduce((n, m) => n + m.to.split(',').length, 0),
    bytes: () => null,
    firstAt: 0,
    lastAt: 0,
    close: () => s.close(),
  };
  // timestamps of the first and last message, sampled by the poll loop
  const tick = setInterval(() => {
    if (s.messages.length && !sink.firstAt) sink.firstAt = Date.now();
    if (s.messages.length) sink.lastAt = Date.now();
  }, 50);
  sink.close = async () => {
    clearInterval(tick);
    await s.close();
  };
  return sink;
}

/**
 * EXPLAIN ANALYZE of the statements of reminder-delivery.service.ts (texts as
 * there), in one transaction that puts the e-mail rows back to PENDING
 * mid-range and is rolled back.
 */
async function explainStatements(db: DataSource, occurrenceId: string, audience: { scopePath: string; unitIds: string[] }, sendConcurrency: number): Promise<void> {
  const qr = db.createQueryRunner();
  await qr.connect();
  const show = async (label: string, sql: string, params: unknown[]) => {
    const plan = (await qr.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)) as Record<string, string>[];
    console.log(`-- ${label}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
  };
  try {
    await qr.startTransaction();
    await qr.query(`UPDATE reminder_occurrences SET status = 'SENDING' WHERE id = $1`, [occurrenceId]);
    await qr.query(`UPDATE reminder_deliveries SET status = 'PENDING', sent_at = NULL, claim_token = NULL, claimed_at = NULL, provider_message_id = NULL WHERE occurrence_id = $1 AND channel = 'EMAIL'`, [occurrenceId]);
    const [{ n }] = (await qr.query(`SELECT count(*)::int AS n FROM reminder_deliveries WHERE occurrence_id = $1 AND channel = 'EMAIL'`, [occurrenceId])) as { n: number }[];
    const [range] = (await qr.query(
      `SELECT min(id)::text AS "fromId", max(id)::text AS "toId" FROM (SELECT id FROM reminder_deliveries WHERE occurrence_id = $1 AND channel = 'EMAIL' ORDER BY id OFFSET $2 LIMIT 500) r`,
      [occurrenceId, Math.floor(n / 2)],
    )) as { fromId: string; toId: string }[];
    const params: unknown[] = [];
    const where = audienceCondition({ scopePath: audience.scopePath, tiers: ['ON_JOB'], unitIds: audience.unitIds, includeSubunits: true, leadingOnly: false, onlyUserId: null }, params);
    const [{ cursor }] = (await qr.query(`SELECT id AS cursor FROM users ORDER BY id OFFSET (SELECT count(*) / 2 FROM users) LIMIT 1`)) as { cursor: string }[];
    params.push(cursor);
    await show(
      'fan-out: one keyset batch of the audience (1000)',
      `SELECT u.id, u.name, un.name AS unit, u.phone, u.email, u.spouse_phone, u.spouse_email, ${HAS_SPOUSE_SQL} AS has_spouse
         FROM users u JOIN units un ON un.id = u.unit_id
        WHERE ${where} AND u.id > $${params.length}::uuid
        ORDER BY u.id LIMIT 1000`,
      params,
    );
    const token = '00000000-0000-4000-8000-000000000001';
    await show(
      `send: claim ${sendConcurrency * 2} rows of a 500-row range`,
      `UPDATE reminder_deliveries d
          SET claim_token = $6, claimed_at = now(), attempts = d.attempts + 1, updated_at = now()
         FROM (SELECT id FROM reminder_deliveries
                WHERE occurrence_id = $1 AND channel = $2 AND status = 'PENDING' AND id > $3 AND id <= $4
                  AND (claim_token IS NULL OR claimed_at < now() - make_interval(secs => $5))
                ORDER BY id LIMIT $7 FOR UPDATE SKIP LOCKED) pick,
              users u JOIN units un ON un.id = u.unit_id
        WHERE d.id = pick.id AND u.id = d.user_id
          AND EXISTS (SELECT 1 FROM reminder_occurrences o WHERE o.id = $1 AND o.status = 'SENDING')
        RETURNING d.id, d.address, u.name, un.name AS unit`,
      [occurrenceId, 'EMAIL', String(BigInt(range.fromId) - 1n), range.toId, 120, token, sendConcurrency * 2],
    );
    await show(
      'send: record one outcome',
      `UPDATE reminder_deliveries SET status = 'SENT', sent_at = now(), provider_message_id = $3, reason = NULL, last_error = NULL, claim_token = NULL, updated_at = now() WHERE id = $1 AND claim_token = $2`,
      [range.fromId, token, '<x@qinglian>'],
    );
    await show(
      'send: rows still open in the range',
      `SELECT count(*)::int AS open FROM reminder_deliveries WHERE occurrence_id = $1 AND channel = $2 AND id BETWEEN $3 AND $4 AND status = 'PENDING'`,
      [occurrenceId, 'EMAIL', range.fromId, range.toId],
    );
    await show(
      'finishIfDone (after every send job)',
      `UPDATE reminder_occurrences o SET status = 'SENT', finished_at = now()
        WHERE o.id = $1 AND o.status = 'SENDING' AND o.fanout_done
          AND NOT EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.occurrence_id = o.id AND d.status = 'PENDING')
        RETURNING o.campaign_id`,
      [occurrenceId],
    );
  } finally {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    await qr.release();
  }
}

/** CPU seconds (user + system) of every process now running, by pid, with its command name. */
function cpuSnapshot(): Map<number, { comm: string; seconds: number }> {
  const snapshot = new Map<number, { comm: string; seconds: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      snapshot.set(Number(name), { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), seconds: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // gone meanwhile
    }
  }
  return snapshot;
}

/** CPU seconds spent between two snapshots, by command name (processes started in between count from zero). */
function cpuSpent(before: Map<number, { comm: string; seconds: number }>, after: Map<number, { comm: string; seconds: number }>): Map<string, number> {
  const spent = new Map<string, number>();
  for (const [pid, { comm, seconds }] of after) spent.set(comm, (spent.get(comm) ?? 0) + seconds - (before.get(pid)?.seconds ?? 0));
  return spent;
}

/** Busy and total jiffies of the whole machine (/proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const [, ...v] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - v[3] - v[4], total };
}

/** Keys under `prefix:` and the bytes Redis reports for them (MEMORY USAGE). */
async function keysUnder(redis: Redis, prefix: string): Promise<{ keys: number; bytes: number; largest: [string, number][] }> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  const sizes: [string, number][] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const pipeline = redis.pipeline();
    for (const k of keys.slice(i, i + 500)) pipeline.memory('USAGE', k);
    const results = (await pipeline.exec()) ?? [];
    results.forEach(([, size], j) => sizes.push([keys[i + j], Number(size ?? 0)]));
  }
  sizes.sort((a, b) => b[1] - a[1]);
  return { keys: keys.length, bytes: sizes.reduce((n, [, b]) => n + b, 0), largest: sizes.slice(0, 3) };
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

const memoryInfo = async (redis: Redis) => {
  const info = await redis.info('memory');
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1].trim() ?? '?';
  return { human: field('used_memory_human'), bytes: Number(field('used_memory')), peakHuman: field('used_memory_peak_human') };
};

/** The baseline: plain BullMQ draining `count` no-op jobs with one Worker of concurrency 100. */
async function bareBullmq(redis: Redis, count: number): Promise<{ addSeconds: number; drainSeconds: number; completed: number }> {
  const prefix = `qlbenchbare${randomBytes(4).toString('hex')}`;
  const connection = { url: TEST_REDIS_URL, maxRetriesPerRequest: null };
  const queue = new Queue('bare', { connection, prefix });
  let worker: Worker | undefined;
  try {
    const a0 = performance.now();
    // same payload shape and retention as a send-reminders job (DEFAULT_JOB_OPTIONS of @qinglian/queue)
    const opts = { attempts: 8, removeOnComplete: { age: 24 * 3600, count: 5_000 }, removeOnFail: { age: 14 * 24 * 3600 } };
    for (let i = 0; i < count; i += 1000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
          name: 'noop',
          data: { occurrenceId: '8a6e0804-2bd0-4672-b79a-d97db92bd7ab', channel: 'EMAIL', fromId: String(i + j), toId: String(i + j + 499) },
          opts,
        })),
      );
    }
    const addSeconds = (performance.now() - a0) / 1000;
    let completed = 0;
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const d0 = performance.now();
    worker = new Worker('bare', async () => undefined, { connection, prefix, concurrency: 100 });
    worker.on('completed', () => {
      if (++completed === count) resolveDone();
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise<void>((r) => (timer = setTimeout(r, 300_000)))]);
    clearTimeout(timer);
    const drainSeconds = (performance.now() - d0) / 1000;
    return { addSeconds, drainSeconds, completed };
  } finally {
    await worker?.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await deleteKeys(redis, prefix);
  }
}

async function main(): Promise<void> {
  const sink = SINK === 'parse' ? await startParsingSink() : await startCountingSink();
  const api = await startTestApi('bench-reminders', {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    SMTP_POOL_SIZE: SMTP_POOL,
    REMINDER_SEND_CONCURRENCY: SEND_CONCURRENCY,
    REMINDER_QUIET_HOURS: 'none',
    EMAIL_RATE_PER_SECOND: EMAIL_RATE,
  });
  const build = buildApps();
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const realNow = Clock.prototype.now;
  let worker: ReturnType<typeof startProcess> | undefined;
  let failed = false;
  const fail = (why: string) => {
    failed = true;
    console.log(`CHECK FAILED: ${why}`);
  };
  try {
    const db = api.app.get(DataSource);
    const org = await seedOrganisation(api.app);
    const admin = await api.login('13800000001', org.password);
    const t0 = performance.now();
    await db.query(
      `INSERT INTO users (name, phone, email, unit_id, roles, tier)
       SELECT '干部' || g, '15' || lpad(g::text, 9, '0'), 'cadre' || g || '@example.cn', $1, ARRAY['CADRE'], 'ON_JOB' FROM generate_series(1, $2::int) g`,
      [org.township.id, CADRES],
    );
    await db.query('ANALYZE');
    const seeded = (performance.now() - t0) / 1000;
    const redisBefore = await memoryInfo(redis);
    console.log(
      `reminders fan-out: ${CADRES} cadres, one campaign over IN_APP + EMAIL, one worker process (production build); seeded in ${seeded.toFixed(1)} s ` +
        `(node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB)`,
    );
    console.log(
      `settings: EMAIL_RATE_PER_SECOND=${EMAIL_RATE}, SMTP_POOL_SIZE=${SMTP_POOL}, REMINDER_SEND_CONCURRENCY=${SEND_CONCURRENCY} (x4 send jobs at once), worker DATABASE_POOL_SIZE=${DB_POOL}, REMINDER_QUIET_HOURS=none, ` +
        `sink: ${SINK === 'parse' ? 'startSmtpSink (mailparser)' : 'counting smtp-server (no parsing)'} in the bench process`,
    );

    // the worker (SMS_PROVIDER stays log, the default: this campaign has no SMS channel)
    const env: Record<string, string> = { ...api.env, NODE_ENV: 'production', LOG_LEVEL: 'info', DATABASE_POOL_SIZE: DB_POOL, WORKER_HEALTH_PORT: '0' };
    if (process.env.BENCH_WORKER_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_WORKER_NODE_OPTIONS;
    worker = startProcess(build.entry('worker'), env);
    await worker.waitForOutput(/health on port (\d+)/, 60_000);
    const pid = worker.child.pid!;
    const rssStart = rssMb(pid);

    const created = await api.gql('mutation($i: CampaignInput!) { createReminderCampaign(input: $i) { id } }', {
      i: {
        name: '国庆廉洁提醒',
        triggerKind: 'DATE',
        sendDate: '2027-09-30',
        sendTime: '09:00',
        channels: ['IN_APP', 'EMAIL'],
        audienceUnitIds: [org.township.id],
        audienceTiers: ['ON_JOB'],
        title: '{{festival}}廉洁提醒',
        bodyText: '{{name}}同志：{{festival}}（{{date}}）将至，请严守廉洁纪律，过一个风清气正的节日。——{{sender}}',
        bodyHtml: '<h1>{{festival}}廉洁提醒</h1><p>{{name}}同志，{{unit}}：请廉洁过节。</p><p>——{{sender}}</p>',
      },
    }, admin);
    if (created.errors) throw new Error(`createReminderCampaign: ${JSON.stringify(created.errors)}`);
    const campaignId = created.data!.createReminderCampaign.id;

    // the API's clock reads LEAD_S before the send time while scheduling: the fire job is due LEAD_S from now (real time)
    const offset = SEND_AT.getTime() - LEAD_S * 1000 - Date.now();
    Clock.prototype.now = () => new Date(Date.now() + offset);
    try {
      const scheduled = await api.gql('mutation($id: ID!) { scheduleReminderCampaign(id: $id) { status } }', { id: campaignId }, admin);
      if (scheduled.errors) throw new Error(`scheduleReminderCampaign: ${JSON.stringify(scheduled.errors)}`);
    } finally {
      Clock.prototype.now = realNow;
    }
    const [occurrence] = (await db.query(`SELECT id, version FROM reminder_occurrences WHERE campaign_id = $1`, [campaignId])) as { id: string; version: number }[];
    const job = await api.app.get(JobQueue).queue(JobName.FIRE_REMINDER).getJob(ReminderPlanner.jobId(occurrence));
    if (!job) throw new Error('the fire job is not in the queue');
    const due = job.timestamp + (job.delay ?? 0);

    // poll every 200 ms until SENT; sample the worker's memory on the way
    let rssPeak = rssStart;
    let status = 'SCHEDULED';
    let fanoutDoneAt: number | null = null;
    let sentAt: number | null = null;
    const cpu0 = process.cpuUsage();
    const procs0 = cpuSnapshot();
    const machine0 = machineTicks();
    const deadline = Date.now() + TIMEOUT_S * 1000;
    while (Date.now() < deadline) {
      await sleep(200);
      rssPeak = Math.max(rssPeak, rssMb(pid));
      const [o] = (await db.query(`SELECT status, fanout_done FROM reminder_occurrences WHERE id = $1`, [occurrence.id])) as { status: string; fanout_done: boolean }[];
      status = o.status;
      if (o.fanout_done && fanoutDoneAt === null) fanoutDoneAt = Date.now();
      if (status === 'SENT' || status === 'CANCELLED') {
        sentAt = Date.now();
        break;
      }
      if (worker.child.exitCode !== null) break;
    }
    const cpu = process.cpuUsage(cpu0);
    const machine1 = machineTicks();
    const procs1 = cpuSnapshot();
    const spent = cpuSpent(procs0, procs1);
    const workerCpu = (procs1.get(pid)?.seconds ?? 0) - (procs0.get(pid)?.seconds ?? 0);
    rssPeak = Math.max(rssPeak, rssMb(pid));
    const rssEnd = rssMb(pid);
    await sleep(500); // anything late still arrives at the sink

    const [times] = (await db.query(
      `SELECT extract(epoch FROM started_at) * 1000 AS started, extract(epoch FROM finished_at) * 1000 AS finished FROM reminder_occurrences WHERE id = $1`,
      [occurrence.id],
    )) as { started: string | null; finished: string | null }[];
    const ledger = (await db.query(
      `SELECT channel, status, count(*)::int AS n, max(attempts)::int AS max_attempts FROM reminder_deliveries WHERE occurrence_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [occurrence.id],
    )) as { channel: string; status: string; n: number; max_attempts: number }[];
    const [{ notes }] = (await db.query(`SELECT count(*)::int AS notes FROM notifications WHERE kind = 'REMINDER' AND data->>'occurrenceId' = $1`, [occurrence.id])) as { notes: number }[];
    const count = (channel: string, s = 'SENT') => ledger.find((r) => r.channel === channel && r.status === s)?.n ?? 0;
    const ledgerSent = ledger.filter((r) => r.status === 'SENT').reduce((n, r) => n + r.n, 0);
    const emails = count('EMAIL');

    const redisAfter = await memoryInfo(redis);
    const prefix = api.env.REDIS_KEY_PREFIX;
    const runKeys = await keysUnder(redis, prefix);
    const out = worker.output();
    const jobFailures = (out.match(/"msg":"job failed"/g) ?? []).length;
    const transient = (out.match(/failed for now/g) ?? []).length;

    if (sentAt === null) {
      fail(`occurrence is ${status} after ${TIMEOUT_S} s (worker ${worker.child.exitCode === null ? 'running' : `exited ${worker.child.exitCode}`})`);
      console.log(`ledger: ${JSON.stringify(ledger)}\nworker output (tail):\n${out.slice(-3000)}`);
    }
    const seconds = ((sentAt ?? Date.now()) - due) / 1000;
    const dbSeconds = times.finished ? (Number(times.finished) - due) / 1000 : NaN;
    const mb = (b: number) => (b / 2 ** 20).toFixed(1);
    const kb = (b: number) => (b / 1024).toFixed(0);

    // the worker is done: stop it before the baseline, so it runs on a quiet machine
    worker.child.kill('SIGTERM');
    await worker.exited;
    worker = undefined;
    const bare = await bareBullmq(redis, BARE_JOBS);
    const bareRate = bare.completed / bare.drainSeconds;
    const deliveryRate = ledgerSent / seconds;

    console.log(
      `send time -> occurrence SENT: ${seconds.toFixed(2)} s (polled every 200 ms; ${dbSeconds.toFixed(2)} s by finished_at); fire job picked up ${((Number(times.started) - due) / 1000).toFixed(2)} s after due; ` +
        `fan-out (ledger + in-app) done ${fanoutDoneAt ? `${((fanoutDoneAt - due) / 1000).toFixed(1)} s` : 'never'} after due`,
    );
    console.log(`ledger: ${ledger.map((r) => `${r.channel} ${r.status} ${r.n}`).join(', ')} (max attempts ${Math.max(0, ...ledger.map((r) => r.max_attempts))}); in-app notifications ${notes}`);
    console.log(`deliveries: ${ledgerSent} ledger rows SENT / ${seconds.toFixed(2)} s = ${deliveryRate.toFixed(0)} deliveries/s; e-mails: ${emails} / ${seconds.toFixed(2)} s = ${(emails / seconds).toFixed(0)} e-mails/s`);
    const window = (sink.lastAt - sink.firstAt) / 1000;
    console.log(
      `SMTP sink: ${sink.messages()} messages, ${sink.recipients()} recipients (${sink.distinct()} distinct)${sink.bytes() === null ? '' : `, ${mb(sink.bytes()!)} MB of DATA (${(sink.bytes()! / Math.max(1, sink.messages())).toFixed(0)} B each)`}; ` +
        `first to last message ${window.toFixed(1)} s = ${(sink.messages() / Math.max(window, 0.001)).toFixed(0)} msg/s`,
    );
    const benchCpu = (cpu.user + cpu.system) / 1e6;
    const busy = (100 * (machine1.busy - machine0.busy)) / Math.max(1, machine1.total - machine0.total);
    const top = [...spent].filter(([, s]) => s >= 0.5).sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(`CPU while sending: machine ${busy.toFixed(0)}% busy (${os.cpus().length} cores); seconds by process: ${top.map(([c, s]) => `${c} ${s.toFixed(1)}`).join(', ')} (node = worker ${workerCpu.toFixed(1)} + bench process ${benchCpu.toFixed(1)} (sink, API, polling) + other node processes on the machine ${((spent.get('node') ?? 0) - workerCpu - benchCpu).toFixed(1)})`);
    console.log(`worker: ${jobFailures} failed job runs, ${transient} transient send failures in its log; resident memory MB ${rssStart.toFixed(0)} at start, peak ${rssPeak.toFixed(0)}, ${rssEnd.toFixed(0)} at end`);
    console.log(
      `Redis after completion: used_memory ${redisAfter.human} (${redisAfter.bytes} B; ${redisBefore.human} before the run, peak ${redisAfter.peakHuman}); ` +
        `${runKeys.keys} keys under ${prefix}: ${kb(runKeys.bytes)} KB by MEMORY USAGE (largest: ${runKeys.largest.map(([k, b]) => `${k.slice(prefix.length + 1)} ${kb(b)} KB`).join(', ')})`,
    );
    console.log(`bare BullMQ (concurrency 100, no-op): ${bare.completed} jobs added in ${bare.addSeconds.toFixed(1)} s, drained in ${bare.drainSeconds.toFixed(2)} s = ${bareRate.toFixed(0)} jobs/s`);
    console.log(`ratio deliveries/s : bare jobs/s = ${(deliveryRate / bareRate).toFixed(3)} (e-mails/s : bare jobs/s = ${(emails / seconds / bareRate).toFixed(3)})`);

    if (status !== 'SENT') fail(`occurrence status ${status}`);
    if (sink.messages() !== CADRES) fail(`the SMTP sink got ${sink.messages()} messages for ${CADRES} cadres`);
    if (sink.distinct() !== CADRES) fail(`the SMTP sink got ${sink.distinct()} distinct recipients for ${CADRES} cadres`);
    if (emails !== CADRES || count('IN_APP') !== CADRES) fail(`ledger SENT: EMAIL ${emails}, IN_APP ${count('IN_APP')} for ${CADRES} cadres`);
    if (notes !== CADRES) fail(`${notes} in-app notifications for ${CADRES} cadres`);
    if (bare.completed !== BARE_JOBS) fail(`bare BullMQ completed ${bare.completed} of ${BARE_JOBS}`);
    if (process.env.BENCH_EXPLAIN === '1') await explainStatements(db, occurrence.id, { scopePath: org.city.path, unitIds: [org.township.id] }, Number(SEND_CONCURRENCY));
  } finally {
    Clock.prototype.now = realNow;
    if (worker) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    build.remove();
    await api.close();
    await sink.close();
    redis.disconnect();
  }
  if (failed) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
