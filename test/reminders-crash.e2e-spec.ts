import { Clock } from '@qinglian/common';
import { buildApps, eventually, RunningProcess, seedOrganisation, SmsGateway, SmtpSink, startProcess, startSmsGateway, startSmtpSink, startTestApi, TestApi } from '@qinglian/testing';
import { DataSource } from 'typeorm';

const RECIPIENTS = 2000;

/**
 * A worker killed with SIGKILL in the middle of a fan-out, and two new
 * replicas started: every cadre gets exactly one e-mail and one SMS, counted at the
 * SMTP server and at the SMS gateway, not only in the ledger. The worker runs
 * as a real process in another time zone than the API.
 */
describe('reminders: a worker killed mid-send loses and doubles nothing', () => {
  let build: ReturnType<typeof buildApps>;
  let api: TestApi;
  let sink: SmtpSink;
  let gateway: SmsGateway;
  const workers: RunningProcess[] = [];

  beforeAll(async () => {
    build = buildApps();
    sink = await startSmtpSink();
    gateway = await startSmsGateway({ key: 'qinglian', secret: 'gateway-secret' });
    api = await startTestApi('reminders-crash', {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      SMS_PROVIDER: 'http',
      SMS_GATEWAY_URL: gateway.url,
      SMS_GATEWAY_KEY: 'qinglian',
      SMS_GATEWAY_SECRET: 'gateway-secret',
      REMINDER_QUIET_HOURS: 'none',
      EMAIL_RATE_PER_SECOND: '5000',
      SMS_RATE_PER_SECOND: '5000',
      // a dead worker's jobs and claims are taken over after 2-3 s instead of minutes
      REMINDER_JOB_LOCK_MS: '2000',
      REMINDER_CLAIM_LEASE_SECONDS: '3',
      WORKER_HEALTH_PORT: '0',
    });
  }, 180_000);
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await api?.close();
    await sink?.close();
    await gateway?.close();
    build?.remove();
  });

  const startWorker = async (tz = 'America/New_York') => {
    const w = startProcess(build.entry('worker'), { ...api.env, LOG_LEVEL: 'info', TZ: tz });
    workers.push(w);
    await w.waitForOutput(/health on port (\d+)/, 30_000);
    return w;
  };

  it('SIGKILL during a fan-out to 2,000 cadres over e-mail and SMS, then two new workers: one message per cadre per channel', async () => {
    const org = await seedOrganisation(api.app);
    const db = api.app.get(DataSource);
    await db.query(
      `INSERT INTO users (name, phone, email, unit_id, roles, tier)
       SELECT '干部' || g, '1360000' || lpad(g::text, 4, '0'), 'cadre' || g || '@example.cn', $1, ARRAY['CADRE'], 'ON_JOB' FROM generate_series(1, $2::int) g`,
      [org.township.id, RECIPIENTS],
    );
    const admin = await api.login('13800000001', org.password);
    const created = await api.gql('mutation($i: CampaignInput!) { createReminderCampaign(input: $i) { id } }', {
      i: { name: '国庆廉洁提醒', triggerKind: 'DATE', sendDate: '2027-09-30', sendTime: '09:00', channels: ['EMAIL', 'SMS'], audienceUnitIds: [org.township.id], leadingOnly: false, audienceTiers: ['ON_JOB'], title: '{{festival}}', bodyText: '{{name}}同志：国庆将至，请廉洁过节。' },
    }, admin);
    const id = created.data!.createReminderCampaign.id;

    const worker = await startWorker();
    // the API's clock reads one second before the send time (the worker keeps real time: the job's delay is what counts)
    const offset = new Date('2027-09-30T00:59:59Z').getTime() - Date.now();
    const clock = jest.spyOn(Clock.prototype, 'now').mockImplementation(() => new Date(Date.now() + offset));
    try {
      await api.gql('mutation($id: ID!) { scheduleReminderCampaign(id: $id) { status } }', { id }, admin);
    } finally {
      clock.mockRestore();
    }

    // mid-way: hold the mail server's answers; kill once every accepted e-mail is in the ledger and some are held
    await eventually(async () => (sink.messages.length >= RECIPIENTS / 4 && gateway.messages.length >= RECIPIENTS / 4 ? true : undefined), 'a quarter of the messages', 60_000);
    sink.pause();
    await sink.waitForHeld(1, 10_000);
    await eventually(async () => {
      const [{ sent }] = await db.query(`SELECT count(*)::int AS sent FROM reminder_deliveries WHERE channel = 'EMAIL' AND status = 'SENT'`);
      return sent === sink.messages.length ? true : undefined;
    }, 'the ledger to record every accepted e-mail');
    worker.child.kill('SIGKILL');
    expect((await worker.exited).signal).toBe('SIGKILL');
    const mailAtKill = sink.messages.length;
    const smsAtKill = gateway.messages.length;
    expect(mailAtKill).toBeLessThan(RECIPIENTS);
    expect(smsAtKill).toBeLessThan(RECIPIENTS);
    await sink.waitForDropped(1);
    sink.resume();

    // two replicas take over, in two more time zones
    await Promise.all([startWorker('Europe/Berlin'), startWorker('Asia/Kolkata')]);
    await eventually(
      async () => {
        const [o] = await db.query(`SELECT o.status FROM reminder_occurrences o WHERE o.campaign_id = $1`, [id]);
        return o?.status === 'SENT' ? true : undefined;
      },
      'the occurrence to be SENT by the new worker',
      120_000,
    );
    await new Promise((r) => setTimeout(r, 1000));

    const mailTo = sink.messages.map((m) => m.to).filter((to) => to.startsWith('cadre'));
    const smsTo = gateway.messages.map((m) => m.to).filter((to) => to.startsWith('136'));
    expect(mailTo).toHaveLength(RECIPIENTS);
    expect(new Set(mailTo).size).toBe(RECIPIENTS);
    expect(smsTo).toHaveLength(RECIPIENTS);
    expect(new Set(smsTo).size).toBe(RECIPIENTS);
    // the new workers really did part of the work
    expect(sink.messages.length).toBeGreaterThan(mailAtKill);
    const [ledger] = await db.query(
      `SELECT count(*) FILTER (WHERE d.status = 'SENT')::int AS sent, count(*) FILTER (WHERE d.status <> 'SENT')::int AS other, max(d.attempts)::int AS max_attempts
         FROM reminder_deliveries d JOIN reminder_occurrences o ON o.id = d.occurrence_id WHERE o.campaign_id = $1 AND d.user_id <> ALL($2::uuid[])`,
      [id, [org.otherCadre.id]],
    );
    expect(ledger).toMatchObject({ sent: 2 * RECIPIENTS, other: 0 });
    // the messages in flight at the kill were claimed a second time
    expect(ledger.max_attempts).toBe(2);
  }, 240_000);
});
