import { INestApplicationContext } from '@nestjs/common';
import { Clock } from '@qinglian/common';
import { JobName, JobQueue } from '@qinglian/queue';
import { FestivalKey, nextDatedOccurrence, ReminderDeliveryService } from '@qinglian/reminders';
import { eventually, OrgFixture, seedOrganisation, SmsGateway, SmtpSink, startSmsGateway, startSmtpSink, startTestApi, startTestWorker, TestApi } from '@qinglian/testing';
import { DataSource } from 'typeorm';

const SPOUSE_PHONE = '13900000014';
const SPOUSE_EMAIL = 'wangfang@example.cn';
const TEXT = '{{name}}同志：{{festival}}（{{date}}）将至，请严守廉洁纪律，过一个风清气正的节日。——{{sender}}';
const HTML = '<h1>{{festival}}廉洁提醒</h1><p>{{name}}同志，{{unit}}：请廉洁过节。</p>';

/**
 * Festival and occasion reminders end to end: campaigns through the API,
 * delayed jobs firing in a real worker, e-mail to a real local SMTP server
 * and SMS to a local HTTP server playing the gateway. The clock of API and
 * worker is moved (Clock.prototype.now) so a send time months ahead comes in
 * seconds; the delays BullMQ waits are real.
 */
describe('reminders: campaigns, preview, delivery over in-app, e-mail and SMS', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let org: OrgFixture;
  let sink: SmtpSink;
  let gateway: SmsGateway;
  let admin: string;
  let cadre: string;
  let bureauAdmin: string;
  let clock: jest.SpyInstance<Date, []>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    gateway = await startSmsGateway({ key: 'qinglian', secret: 'gateway-secret' });
    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      SMS_PROVIDER: 'http',
      SMS_GATEWAY_URL: gateway.url,
      SMS_GATEWAY_KEY: 'qinglian',
      SMS_GATEWAY_SECRET: 'gateway-secret',
      SMS_TIMEOUT_MS: '2000',
      REMINDER_SEND_CONCURRENCY: '4',
    };
    api = await startTestApi('reminders', env);
    worker = await startTestWorker(api.env);
    org = await seedOrganisation(api.app);
    await db().query(`UPDATE users SET email = 'li@example.cn', spouse_name = '王芳', spouse_phone = $2, spouse_email = $3 WHERE id = $1`, [org.cadre.id, SPOUSE_PHONE, SPOUSE_EMAIL]);
    await db().query(`UPDATE users SET email = 'wang@example.cn' WHERE id = $1`, [org.trainer.id]);
    admin = await api.login('13800000001', org.password);
    bureauAdmin = await api.login('13800000002', org.password);
    cadre = await api.login('13800000004', org.password);
    clock = jest.spyOn(Clock.prototype, 'now');
  });
  afterAll(async () => {
    clock?.mockRestore();
    await worker?.close();
    await api?.close();
    await sink?.close();
    await gateway?.close();
  });
  afterEach(() => {
    clock.mockImplementation(() => new Date(Date.now()));
    sink.resume();
    gateway.resume();
  });

  const db = () => api.app.get(DataSource);
  /** Moves the clock of API and worker so that it now reads `at`, and keeps it running. */
  const setClock = (at: Date) => {
    const offset = at.getTime() - Date.now();
    clock.mockImplementation(() => new Date(Date.now() + offset));
  };
  const create = async (input: Record<string, unknown>) =>
    (await api.ok<{ createReminderCampaign: { id: string } }>('mutation($i: CampaignInput!) { createReminderCampaign(input: $i) { id } }', { i: input }, admin)).createReminderCampaign.id;
  const schedule = (id: string) => api.ok('mutation($id: ID!) { scheduleReminderCampaign(id: $id) { status } }', { id }, admin);
  const ledger = async (campaignId: string) =>
    (await db().query(
      `SELECT d.channel, d.recipient, d.address, d.status, d.reason, d.attempts, d.user_id FROM reminder_deliveries d
         JOIN reminder_occurrences o ON o.id = d.occurrence_id WHERE o.campaign_id = $1 ORDER BY d.id`,
      [campaignId],
    )) as { channel: string; recipient: string; address: string | null; status: string; reason: string | null; attempts: number; user_id: string }[];
  const CAMPAIGN = `query($id: ID!) { reminderCampaign(id: $id) { status occurrences { key eventDate sendAt status
    stats { targeted sent failed pending skipped acknowledged acknowledgementRate channels { channel targeted sent skipped failed } reasons { channel status reason count } } } } }`;

  it('custom dates join the festival calendar; bad ones are refused', async () => {
    const { addCustomDate } = await api.ok('mutation($i: CustomDateInput!) { addCustomDate(input: $i) { id name date yearly } }', { i: { name: '支部主题党日', date: '2026-07-01', yearly: true } }, admin);
    const cal = await api.ok('query { festivalCalendar(year: 2027) { festivals { key date } customDates { date customDate { name yearly } } } }', {}, cadre);
    expect(cal.festivalCalendar.festivals).toContainEqual({ key: 'MID_AUTUMN', date: '2027-09-15' });
    expect(cal.festivalCalendar.customDates).toEqual([{ date: '2027-07-01', customDate: { name: '支部主题党日', yearly: true } }]);

    const bad = await api.gql('mutation($i: CustomDateInput!) { addCustomDate(input: $i) { id } }', { i: { name: '无效', date: '2027-02-30', yearly: false } }, admin);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toMatch(/date/);
    const byCadre = await api.gql('mutation($i: CustomDateInput!) { addCustomDate(input: $i) { id } }', { i: { name: 'x', date: '2027-03-01', yearly: false } }, cadre);
    expect(byCadre.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // in use by a campaign: not removable until the campaign is cancelled
    const id = await create({ name: '主题党日提醒', triggerKind: 'DATE', customDateId: addCustomDate.id, daysBefore: 1, channels: ['IN_APP'], title: '{{festival}}提醒', bodyText: TEXT });
    const refused = await api.gql('mutation($id: ID!) { removeCustomDate(id: $id) { id } }', { id: addCustomDate.id }, admin);
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    await api.ok('mutation($id: ID!) { cancelReminderCampaign(id: $id) { sent } }', { id }, admin);
    await api.ok('mutation($id: ID!) { removeCustomDate(id: $id) { id } }', { id: addCustomDate.id }, admin);
  });

  it('refuses unknown template variables and impossible campaigns, naming each field', async () => {
    const res = await api.gql('mutation($i: CampaignInput!) { createReminderCampaign(input: $i) { id } }', {
      i: { name: '中秋提醒', triggerKind: 'FESTIVAL', channels: ['IN_APP'], includeSpouses: true, title: '{{festival}}', bodyText: '{{name}}同志，{{holiday}}快乐', bodyHtml: '{{#name}}x{{/name}}' },
    }, admin);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (res.errors?.[0].extensions?.fields as { field: string; message: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['bodyHtml', 'bodyText', 'festivalKey', 'includeSpouses']);
    expect(res.errors?.[0].message).toContain('{{holiday}}');
    expect(await db().query(`SELECT 1 FROM reminder_campaigns WHERE name = '中秋提醒'`)).toHaveLength(0);

    const byCadre = await api.gql('mutation($i: CampaignInput!) { createReminderCampaign(input: $i) { id } }', { i: { name: 'x' } }, cadre);
    expect(byCadre.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('previews a draft for a chosen cadre and counts the audience per channel, missing addresses included', async () => {
    const input = { name: '中秋廉洁提醒', triggerKind: 'FESTIVAL', festivalKey: 'MID_AUTUMN', daysBefore: 2, sendTime: '10:00', repeatYearly: true, channels: ['IN_APP', 'EMAIL', 'SMS'], includeSpouses: true, title: '{{festival}}廉洁提醒', bodyText: TEXT, bodyHtml: HTML };
    const { previewReminderDraft: p } = await api.ok(
      `query($i: CampaignInput!, $r: ID) { previewReminderDraft(input: $i, recipientId: $r) { title text html smsSegments recipientName eventName eventDate sendAt cadres spouses
        channels { channel recipients reachable missingAddress } } }`,
      { i: input, r: org.cadre.id },
      admin,
    );
    expect(p.title).toBe('中秋节廉洁提醒');
    expect(p.text).toBe('李干部同志：中秋节（2027年9月15日）将至，请严守廉洁纪律，过一个风清气正的节日。——青莲市');
    expect(p.html).toBe('<h1>中秋节廉洁提醒</h1><p>李干部同志，第一监督检查室：请廉洁过节。</p>');
    expect(p.smsSegments).toBe(1);
    expect(p.sendAt).toBe('2027-09-13T02:00:00.000Z');
    // three cadres in the city (the trainer is a cadre too), one spouse on record, one cadre without e-mail
    expect(p).toMatchObject({ cadres: 3, spouses: 1 });
    expect(p.channels).toEqual([
      { channel: 'IN_APP', recipients: 3, reachable: 3, missingAddress: 0 },
      { channel: 'EMAIL', recipients: 4, reachable: 3, missingAddress: 1 },
      { channel: 'SMS', recipients: 4, reachable: 4, missingAddress: 0 },
    ]);
    // narrowed to the township's reserve cadres
    const narrowed = await api.ok('query($i: CampaignInput!) { previewReminderDraft(input: $i) { cadres recipientName } }', { i: { ...input, audienceTiers: ['RESERVE'] } }, admin);
    expect(narrowed.previewReminderDraft).toEqual({ cadres: 1, recipientName: '张干部' });
  });

  it('a festival campaign fires at its send time and every message arrives once; next year is planned with its own date', async () => {
    const id = await create({ name: '中秋廉洁提醒', triggerKind: 'FESTIVAL', festivalKey: 'MID_AUTUMN', daysBefore: 2, sendTime: '10:00', repeatYearly: true, channels: ['IN_APP', 'EMAIL', 'SMS'], includeSpouses: true, title: '{{festival}}廉洁提醒', bodyText: TEXT, bodyHtml: HTML });
    const plan = nextDatedOccurrence({ kind: 'FESTIVAL', festivalKey: FestivalKey.MID_AUTUMN }, 2, '10:00', new Date(), true)!;
    setClock(new Date(plan.sendAt.getTime() - 1500));
    const mailBefore = sink.messages.length;
    const smsBefore = gateway.messages.length;
    await schedule(id);

    const done = await eventually(async () => {
      const c = (await api.ok(CAMPAIGN, { id }, admin)).reminderCampaign;
      return c.occurrences.some((o: { status: string }) => o.status === 'SENT') ? c : undefined;
    }, 'the occurrence to be sent', 20_000);
    const sent = done.occurrences.find((o: { key: string }) => o.key === plan.key);
    expect(sent.stats).toMatchObject({ targeted: 11, sent: 10, failed: 0, pending: 0, skipped: 1 });
    expect(sent.stats.reasons).toEqual([{ channel: 'EMAIL', status: 'SKIPPED', reason: 'NO_EMAIL', count: 1 }]);

    // repeat yearly: SCHEDULED again, next Mid-Autumn recomputed (3 October 2028), not copied
    expect(done.status).toBe('SCHEDULED');
    expect(done.occurrences.find((o: { status: string }) => o.status === 'SCHEDULED')).toMatchObject({ key: 'FESTIVAL:2028', eventDate: '2028-10-03', sendAt: '2028-10-01T02:00:00.000Z' });

    await new Promise((r) => setTimeout(r, 1000)); // nothing more arrives
    const mail = sink.messages.slice(mailBefore);
    const sms = gateway.messages.slice(smsBefore);
    expect(mail.map((m) => m.to).sort()).toEqual(['li@example.cn', 'wang@example.cn', SPOUSE_EMAIL].sort());
    expect(sms.map((m) => m.to).sort()).toEqual(['13800000003', '13800000004', '13800000005', SPOUSE_PHONE].sort());
    const toLi = mail.find((m) => m.to === 'li@example.cn')!;
    expect(toLi.subject).toBe('中秋节廉洁提醒');
    expect(toLi.html).toContain('<p>李干部同志，第一监督检查室：请廉洁过节。</p>');
    expect(toLi.text).toContain('李干部同志：中秋节（2027年9月15日）将至');
    expect(sms.find((m) => m.to === SPOUSE_PHONE)!.text).toBe('【青莲廉政】李干部同志：中秋节（2027年9月15日）将至，请严守廉洁纪律，过一个风清气正的节日。——青莲市');

    // the cadre's inbox: read and will comply
    const inbox = await api.ok('query { myNotifications(unreadOnly: true) { unreadCount nodes { id kind title body } } }', {}, cadre);
    const reminder = inbox.myNotifications.nodes.find((n: { kind: string }) => n.kind === 'REMINDER');
    expect(reminder.title).toBe('中秋节廉洁提醒');
    const { acknowledgeNotification } = await api.ok('mutation($id: ID!) { acknowledgeNotification(id: $id) { readAt acknowledgedAt } }', { id: reminder.id }, cadre);
    expect(acknowledgeNotification.readAt).not.toBeNull();
    expect(acknowledgeNotification.acknowledgedAt).not.toBeNull();
    const after = (await api.ok(CAMPAIGN, { id }, admin)).reminderCampaign.occurrences.find((o: { key: string }) => o.key === plan.key);
    expect(after.stats).toMatchObject({ acknowledged: 1, acknowledgementRate: 0.3333 });
    const other = await api.gql('mutation($id: ID!) { acknowledgeNotification(id: $id) { id } }', { id: reminder.id }, bureauAdmin);
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('quiet hours: in-app goes at 23:00, e-mail waits until 08:00 the next morning', async () => {
    const id = await create({ name: '深夜提醒', triggerKind: 'DATE', sendDate: '2027-03-10', daysBefore: 0, sendTime: '23:00', channels: ['IN_APP', 'EMAIL'], audienceUnitIds: [org.office.id], title: '提醒', bodyText: '{{name}}同志：请廉洁自律。' });
    setClock(new Date('2027-03-10T14:59:58.500Z')); // 22:59:58.5 in Shanghai
    const mailBefore = sink.messages.length;
    await schedule(id);
    await eventually(async () => ((await ledger(id)).some((r) => r.channel === 'IN_APP' && r.status === 'SENT') ? true : undefined), 'the in-app reminder');
    const queue = api.app.get(JobQueue).queue(JobName.SEND_REMINDERS);
    const [delayed] = await eventually(async () => {
      const jobs = await queue.getDelayed();
      const mine = jobs.filter((j) => j.data.channel === 'EMAIL' && j.data.occurrenceId);
      return mine.length ? mine : undefined;
    }, 'the delayed e-mail job');
    // nine hours from 23:00 to 08:00
    expect(delayed.timestamp + delayed.delay - Date.now()).toBeGreaterThan(9 * 3600_000 - 10_000);
    expect((await ledger(id)).find((r) => r.channel === 'EMAIL')?.status).toBe('PENDING');

    // run early (still 23:00): the job moves itself back to the morning
    await delayed.promote();
    await eventually(async () => ((await queue.getDelayed()).some((j) => j.id === delayed.id) ? true : undefined), 'the job to be delayed again');
    expect(sink.messages.length).toBe(mailBefore);

    // 08:00: the e-mail goes out
    setClock(new Date('2027-03-11T00:00:01Z'));
    await (await queue.getJob(delayed.id!))!.promote();
    await sink.waitFor(mailBefore + 1);
    expect(sink.messages.at(-1)!.to).toBe('li@example.cn');
    await eventually(async () => ((await api.ok(CAMPAIGN, { id }, admin)).reminderCampaign.status === 'SENT' ? true : undefined), 'the campaign to be SENT');
  });

  it('editing a scheduled campaign reschedules it; the stale job does nothing; cancelling removes it', async () => {
    const id = await create({ name: '端午提醒', triggerKind: 'FESTIVAL', festivalKey: 'DRAGON_BOAT', daysBefore: 3, channels: ['IN_APP'], title: '{{festival}}提醒', bodyText: TEXT });
    await schedule(id);
    const [v1] = await db().query(`SELECT id, version, send_at FROM reminder_occurrences WHERE campaign_id = $1`, [id]);
    const queue = api.app.get(JobQueue).queue(JobName.FIRE_REMINDER);
    expect(await queue.getJob(`reminder-${v1.id}-v1`)).toBeDefined();

    await api.ok('mutation($id: ID!, $i: CampaignInput!) { updateReminderCampaign(id: $id, input: $i) { daysBefore } }', { id, i: { daysBefore: 1, sendTime: '08:30' } }, admin);
    const [v2] = await db().query(`SELECT id, version, send_at, status FROM reminder_occurrences WHERE campaign_id = $1`, [id]);
    expect(v2).toMatchObject({ id: v1.id, version: 2, status: 'SCHEDULED' });
    expect(new Date(v2.send_at).getTime() - new Date(v1.send_at).getTime()).toBe(2 * 86_400_000 - 30 * 60_000);
    expect(await queue.getJob(`reminder-${v1.id}-v1`)).toBeUndefined();
    expect(await queue.getJob(`reminder-${v1.id}-v2`)).toBeDefined();
    // an old job that fired anyway finds its version stale
    expect(await worker.get(ReminderDeliveryService).fire(v1.id, 1, new Date())).toEqual({ started: false, recipients: 0 });

    const { cancelReminderCampaign } = await api.ok('mutation($id: ID!) { cancelReminderCampaign(id: $id) { sent stopped campaign { status } } }', { id }, admin);
    expect(cancelReminderCampaign).toEqual({ sent: 0, stopped: 0, campaign: { status: 'CANCELLED' } });
    expect(await queue.getJob(`reminder-${v1.id}-v2`)).toBeUndefined();
    const edit = await api.gql('mutation($id: ID!, $i: CampaignInput!) { updateReminderCampaign(id: $id, input: $i) { id } }', { id, i: { daysBefore: 2 } }, admin);
    expect(edit.errors?.[0].extensions?.code).toBe('CONFLICT');
    // a bureau administrator does not see the city's campaigns
    const list = await api.ok('query { reminderCampaigns { totalCount } }', {}, bureauAdmin);
    expect(list.reminderCampaigns.totalCount).toBe(0);
  });

  it('cancel mid-send stops further messages and says how many went out', async () => {
    await db().query(
      `INSERT INTO users (name, phone, email, unit_id, roles, tier)
       SELECT '干部' || g, '1370000' || lpad(g::text, 4, '0'), 'cadre' || g || '@example.cn', $1, ARRAY['CADRE'], 'ON_JOB' FROM generate_series(1, 60) g`,
      [org.township.id],
    );
    const id = await create({ name: '批量提醒', triggerKind: 'DATE', sendDate: '2027-04-01', sendTime: '09:00', channels: ['EMAIL'], audienceUnitIds: [org.township.id], title: '提醒', bodyText: '{{name}}同志：请廉洁自律。' });
    setClock(new Date('2027-04-01T00:59:59Z'));
    const before = sink.messages.length;
    sink.pause();
    await schedule(id);
    await sink.waitForHeld(1, 20_000);
    const { cancelReminderCampaign: c } = await api.ok('mutation($id: ID!) { cancelReminderCampaign(id: $id) { sent stopped campaign { status } } }', { id }, admin);
    expect(c.campaign.status).toBe('CANCELLED');
    expect(c.sent).toBe(0);
    // senders re-read the occurrence's status at most every 250 ms; after that no new message starts
    await new Promise((r) => setTimeout(r, 300));
    sink.resume();
    await new Promise((r) => setTimeout(r, 1500));
    const rows = await ledger(id);
    const sentRows = rows.filter((r) => r.status === 'SENT');
    // the messages already handed to the mail server when the cancel came (at most the concurrency), nothing after
    expect(sentRows.length).toBeGreaterThan(0);
    expect(sentRows.length).toBeLessThanOrEqual(4);
    expect(sink.messages.length - before).toBe(sentRows.length);
    expect(rows.filter((r) => r.status === 'SKIPPED' && r.reason === 'CANCELLED')).toHaveLength(61 - sentRows.length - rows.filter((r) => r.reason === 'NO_EMAIL').length);
    expect(c.stopped).toBeGreaterThan(40);
    expect(rows.filter((r) => r.status === 'PENDING')).toHaveLength(0);
  });

  it('an occasion reminder goes to the cadre and the spouse right after the report', async () => {
    const id = await create({ name: '婚丧喜庆提醒', triggerKind: 'OCCASION', occasionKinds: ['WEDDING', 'FUNERAL'], occasionOffsetDays: null, channels: ['SMS'], includeSpouses: true, title: '提醒', bodyText: '{{name}}同志及家属：{{festival}}事宜请按规定报告，严禁大操大办。' });
    setClock(new Date('2026-12-01T02:00:00Z')); // 10:00 in Shanghai, outside quiet hours
    await schedule(id);
    const before = gateway.messages.length;
    const { reportOccasion } = await api.ok('mutation($i: ReportOccasionInput!) { reportOccasion(input: $i) { id kind } }', { i: { kind: 'WEDDING', date: '2026-12-20', note: '儿子结婚' } }, cadre);
    const arrived = await gateway.waitFor(before + 2);
    const texts = arrived.slice(before);
    expect(texts.map((m) => m.to).sort()).toEqual(['13800000004', SPOUSE_PHONE]);
    expect(texts[0].text).toBe('【青莲廉政】李干部同志及家属：婚嫁事宜请按规定报告，严禁大操大办。');
    const { occasions } = await api.ok('query { occasions { kind date reminders { status eventName } } }', {}, cadre);
    expect(occasions[0]).toMatchObject({ kind: 'WEDDING', date: '2026-12-20' });
    await eventually(async () => ((await api.ok('query { occasions { reminders { status } } }', {}, cadre)).occasions[0].reminders[0]?.status === 'SENT' ? true : undefined), 'the reminder SENT');
    expect(reportOccasion.kind).toBe('WEDDING');
    // the campaign waits for the next report
    expect((await api.ok(CAMPAIGN, { id }, admin)).reminderCampaign.status).toBe('SCHEDULED');
    // a cadre cannot report for another cadre
    const forOther = await api.gql('mutation($i: ReportOccasionInput!) { reportOccasion(input: $i) { id } }', { i: { kind: 'WEDDING', date: '2026-12-20', userId: org.otherCadre.id } }, cadre);
    expect(forOther.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('an unknown number fails at once; a gateway error is retried with backoff and sent once', async () => {
    const id = await create({ name: '短信提醒', triggerKind: 'DATE', sendDate: '2027-05-01', sendTime: '09:00', channels: ['SMS'], includeSpouses: true, audienceUnitIds: [org.office.id], title: '提醒', bodyText: '{{name}}同志：五一廉洁过节。' });
    setClock(new Date('2027-05-01T00:59:59Z'));
    gateway.invalidNumbers([SPOUSE_PHONE]);
    gateway.failNext(1, 500);
    const before = gateway.messages.length;
    await schedule(id);
    const rows = await eventually(async () => {
      const r = await ledger(id);
      return r.length === 2 && r.every((d) => d.status !== 'PENDING') ? r : undefined;
    }, 'both messages settled', 40_000);
    expect(rows.find((r) => r.recipient === 'SPOUSE')).toMatchObject({ status: 'FAILED', reason: 'INVALID_NUMBER' });
    expect(rows.find((r) => r.recipient === 'CADRE')).toMatchObject({ status: 'SENT' });
    // one 500 answered somewhere, retried: three attempts in all
    expect(rows.reduce((n, r) => n + r.attempts, 0)).toBe(3);
    expect(gateway.messages.slice(before).map((m) => m.to)).toEqual(['13800000004']);
    const c = (await api.ok(CAMPAIGN, { id }, admin)).reminderCampaign;
    expect(c.occurrences[0].stats.reasons).toEqual([{ channel: 'SMS', status: 'FAILED', reason: 'INVALID_NUMBER', count: 1 }]);
    gateway.invalidNumbers([]);
  });
});
