import { INestApplicationContext } from '@nestjs/common';
import { Clock } from '@qinglian/common';
import { FestivalKey, nextDatedOccurrence } from '@qinglian/reminders';
import { eventually, launchBrowser, OrgFixture, PHONE, seedOrganisation, startTestApi, startTestWorker, TestApi, TestBrowser, WEB_DIST } from '@qinglian/testing';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const DESKTOP = { width: 1366, height: 900 };
// The callback below runs in the browser; the server's tsconfig has no DOM library.
declare const document: { documentElement: { scrollWidth: number } };

/**
 * The administrator's console in a real browser at desktop width: a festival
 * reminder written with its live preview (counts checked against the API) and
 * scheduled; the festival calendar's month grid; the completion report with
 * its recompute, drill-down to the cadres and one cadre's record, and CSV export.
 */
describe('web app: the admin console (campaigns, calendar, reports)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let org: OrgFixture;
  let browser: TestBrowser;
  let admin: string;
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

  beforeAll(async () => {
    api = await startTestApi('web-admin-console', { WEB_DIST_PATH: WEB_DIST });
    worker = await startTestWorker(api.env);
    org = await seedOrganisation(api.app);
    admin = await api.login('13800000001', org.password);
    // an on-job cadre with an e-mail address and no phone: counted on SMS as missing an address
    await api.ok(
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      { i: { name: '赵邮箱', email: 'zhao@example.cn', unitId: org.township.id, roles: ['CADRE'], tier: 'ON_JOB', isLeading: true, initialPassword: org.password } },
      admin,
    );
    // for the report: a leading new appointee appointed two years ago (past the programme's window: overdue) and a retired cadre
    const create = 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }';
    await api.ok(create, { i: { name: '钱新任', phone: '13800000011', unitId: org.office.id, roles: ['CADRE'], tier: 'NEW_APPOINTEE', isLeading: true, appointmentDate: `${year - 2}-03-01` } }, admin);
    await api.ok(create, { i: { name: '孙退休', phone: '13800000012', unitId: org.township.id, roles: ['CADRE'], tier: 'RETIRED' } }, admin);
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
  });

  const signIn = async (page: Page) => {
    await page.goto(`${api.url}/admin`);
    await page.getByLabel('手机号或电子邮箱').fill('13800000001');
    await page.getByLabel('密码').fill(org.password);
    await page.getByRole('button', { name: '登 录' }).click();
    await page.waitForURL(`${api.url}/admin`);
  };

  it('writes a Spring Festival reminder with the live preview, is refused an unknown variable, and schedules it', async () => {
    const page = await browser.newPage(DESKTOP);
    await signIn(page);
    await page.getByRole('menuitem', { name: '廉洁提醒' }).waitFor();
    await page.getByText('还没有廉洁提醒').waitFor();
    await page.getByRole('button', { name: '新建提醒' }).click();
    await page.waitForURL(`${api.url}/admin/campaigns/new`);

    await page.getByLabel('提醒名称').fill('春节廉洁提醒');
    await page.getByRole('combobox', { name: '节日' }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').getByText('春节', { exact: true }).click();
    await page.getByLabel('提前天数').fill('2');
    await page.getByRole('checkbox', { name: '手机短信' }).check();
    await page.getByRole('checkbox', { name: '在职干部' }).check();

    // what the API previews for the same draft
    const input = {
      name: '春节廉洁提醒',
      triggerKind: 'FESTIVAL',
      festivalKey: 'SPRING_FESTIVAL',
      daysBefore: 2,
      sendTime: '09:00',
      repeatYearly: true,
      channels: ['IN_APP', 'SMS'],
      audienceTiers: ['ON_JOB'],
      title: '{{festival}}廉洁提醒',
      bodyText: '{{name}}同志：{{festival}}（{{date}}）将至，请严守中央八项规定精神，不收送礼品礼金，不违规操办婚丧喜庆事宜，过一个风清气正的节日。——{{sender}}',
    };
    const { previewReminderDraft: expected } = await api.ok(
      'query($i: CampaignInput!) { previewReminderDraft(input: $i) { recipientName text cadres eventDate sendAt channels { channel recipients reachable missingAddress } } }',
      { i: input },
      admin,
    );
    // the seeded organisation: 王培训 and 李干部 (phones) and 赵邮箱 (no phone) are the on-job cadres
    expect(expected.cadres).toBe(3);
    expect(expected.channels).toEqual([
      { channel: 'IN_APP', recipients: 3, reachable: 3, missingAddress: 0 },
      { channel: 'SMS', recipients: 3, reachable: 2, missingAddress: 1 },
    ]);

    const preview = page.getByTestId('campaign-preview');
    // the preview follows the form once typing pauses: on-job cadres only, over in-app and SMS
    await preview.getByTestId('preview-cadres').getByText(`干部 ${expected.cadres} 人`).waitFor();
    await preview.getByTestId('preview-SMS-missing').waitFor();
    await preview.getByTestId('preview-event').getByText(`春节 · ${expected.eventDate}`).waitFor();
    await expect(preview.getByTestId('preview-recipient-name').textContent()).resolves.toBe(expected.recipientName);
    await expect(preview.getByTestId('preview-text').textContent()).resolves.toBe(expected.text);
    expect(expected.text).toContain(`${expected.recipientName}同志：春节`);
    for (const c of expected.channels) {
      await expect(preview.getByTestId(`preview-${c.channel}-recipients`).textContent()).resolves.toBe(String(c.recipients));
      await expect(preview.getByTestId(`preview-${c.channel}-reachable`).textContent()).resolves.toBe(String(c.reachable));
      await expect(preview.getByTestId(`preview-${c.channel}-missing`).textContent()).resolves.toBe(String(c.missingAddress));
    }

    // rendered for a chosen cadre
    await preview.getByLabel('预览对象').click();
    await preview.getByLabel('预览对象').fill('李干部');
    // the search goes to the API: wait for its answer before choosing
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await eventually(async () => ((await options.allTextContents()).join('|') === '李干部（第一监督检查室）' ? true : undefined), 'the search for 李干部');
    await options.first().click();
    await preview.getByTestId('preview-recipient-name').getByText('李干部').waitFor();
    await preview.getByTestId('preview-text').getByText(/^李干部同志：春节/).waitFor();
    await browser.screenshot(page, 'admin-campaign-preview');

    // an unknown variable: the API's field error next to the text, and no preview
    const body = page.getByLabel('正文（站内消息、短信）');
    await body.fill('{{name}}同志：{{gift}}');
    await page.getByText('使用了未知变量 {{gift}}').first().waitFor();
    await preview.getByTestId('preview-problems').waitFor();
    await browser.screenshot(page, 'admin-campaign-unknown-variable');
    await body.fill(input.bodyText);
    await preview.getByTestId('preview-text').getByText(/^李干部同志：春节/).waitFor();

    // an occasion trigger needs its kinds (the API says so in the preview); back to the festival
    await page.locator('label.ant-radio-button-wrapper').getByText('个人事项', { exact: true }).click();
    await page.getByRole('checkbox', { name: '婚嫁' }).waitFor();
    await preview.getByTestId('preview-problems').getByText(/事项类型：请至少选择一种事项/).waitFor();
    await page.locator('label.ant-radio-button-wrapper').getByText('节日', { exact: true }).click();
    await preview.getByTestId('preview-event').getByText(`春节 · ${expected.eventDate}`).waitFor();

    await page.getByRole('button', { name: '保存并排期发送' }).click();
    await page.getByTestId('campaign-status').getByText('已排期').waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;

    const { reminderCampaign: saved } = await api.ok(
      'query($id: ID!) { reminderCampaign(id: $id) { name status triggerKind festivalKey daysBefore sendTime repeatYearly channels audienceTiers bodyText occurrences { status eventName eventDate sendAt stats { targeted } } } }',
      { id },
      admin,
    );
    expect(saved).toMatchObject({
      name: '春节廉洁提醒',
      status: 'SCHEDULED',
      triggerKind: 'FESTIVAL',
      festivalKey: 'SPRING_FESTIVAL',
      daysBefore: 2,
      sendTime: '09:00',
      repeatYearly: true,
      channels: ['IN_APP', 'SMS'],
      audienceTiers: ['ON_JOB'],
      bodyText: input.bodyText,
    });
    expect(saved.occurrences).toHaveLength(1);
    expect(saved.occurrences[0]).toMatchObject({ status: 'SCHEDULED', eventName: '春节', eventDate: expected.eventDate, sendAt: expected.sendAt });
    await page.getByTestId('occurrence-status').getByText('待发送').waitFor();
    await browser.screenshot(page, 'admin-campaign-scheduled');

    // the list shows it with its status
    await page.getByRole('link', { name: '返回提醒列表' }).click();
    await page.getByRole('link', { name: '春节廉洁提醒' }).waitFor();
    await page.getByTestId(`campaign-status-${id}`).getByText('已排期').waitFor();
    expect(browser.errors).toEqual([]);
  });

  it('shows the statistics of a sent reminder as charts, then cancels the campaign and says how many had gone out', async () => {
    // a Mid-Autumn reminder sent by the worker: the clock of API and worker moved to just before its send time
    const input = { name: '中秋廉洁提醒', triggerKind: 'FESTIVAL', festivalKey: 'MID_AUTUMN', daysBefore: 1, sendTime: '10:00', repeatYearly: true, channels: ['IN_APP', 'SMS'], audienceTiers: ['ON_JOB'], title: '{{festival}}廉洁提醒', bodyText: '{{name}}同志：{{festival}}将至，请廉洁过节。' };
    const { createReminderCampaign: created } = await api.ok('mutation($i: CampaignInput!) { createReminderCampaign(input: $i) { id } }', { i: input }, admin);
    const plan = nextDatedOccurrence({ kind: 'FESTIVAL', festivalKey: FestivalKey.MID_AUTUMN }, 1, '10:00', new Date(), true)!;
    const offset = plan.sendAt.getTime() - 1500 - Date.now();
    const clock = jest.spyOn(Clock.prototype, 'now').mockImplementation(() => new Date(Date.now() + offset));
    const CAMPAIGN = 'query($id: ID!) { reminderCampaign(id: $id) { status occurrences { key status stats { targeted sent skipped failed pending acknowledged acknowledgementRate reasons { channel reason count } } } } }';
    let sent: Record<string, any>;
    try {
      await api.ok('mutation($id: ID!) { scheduleReminderCampaign(id: $id) { status } }', { id: created.id }, admin);
      sent = await eventually(async () => (await api.ok(CAMPAIGN, { id: created.id }, admin)).reminderCampaign.occurrences.find((o: { key: string; status: string }) => o.key === plan.key && o.status === 'SENT'), 'the reminder to be sent', 20_000);
    } finally {
      clock.mockRestore();
    }
    // in-app to the three on-job cadres; SMS to the two with a phone, 赵邮箱 skipped
    expect(sent.stats).toMatchObject({ targeted: 6, sent: 5, skipped: 1, failed: 0, pending: 0, acknowledged: 0 });
    expect(sent.stats.reasons).toEqual([{ channel: 'SMS', reason: 'NO_PHONE', count: 1 }]);
    const cadre = await api.login('13800000004', org.password);
    const inbox = await api.ok('query { myNotifications(unreadOnly: true) { nodes { id kind } } }', {}, cadre);
    const reminder = inbox.myNotifications.nodes.find((n: { kind: string }) => n.kind === 'REMINDER');
    await api.ok('mutation($id: ID!) { acknowledgeNotification(id: $id) { acknowledgedAt } }', { id: reminder.id }, cadre);

    const page = await browser.newPage(DESKTOP);
    await signIn(page);
    await page.getByRole('link', { name: '中秋廉洁提醒' }).click();
    const card = page.getByTestId(/^occurrence-/).filter({ has: page.getByTestId('occurrence-status').getByText('已发送') });
    await card.waitFor();
    for (const [k, v] of Object.entries({ targeted: 6, sent: 5, failed: 0, pending: 0, skipped: 1, acknowledged: 1 })) {
      await expect(card.getByTestId(`stat-${k}`).locator('.ant-statistic-content').textContent()).resolves.toBe(String(v));
    }
    await expect(card.getByRole('progressbar', { name: '回执率' }).getAttribute('aria-valuenow')).resolves.toBe('33.3');
    await card.getByRole('figure', { name: /各渠道发送情况图/ }).locator('svg .recharts-bar-rectangle').first().waitFor();
    await card.getByRole('cell', { name: '短信 · 无手机号（跳过）' }).waitFor();
    await browser.screenshot(page, 'admin-campaign-stats');

    // cancelled: the answer says how many had gone out
    await page.getByRole('button', { name: '取消提醒' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '取消提醒' }).click();
    await page.getByTestId('cancel-outcome').getByText('已取消。已发出 5 条，停止发送 0 条。').waitFor();
    await page.getByTestId('campaign-status').getByText('已取消').waitFor();
    expect((await api.ok(CAMPAIGN, { id: created.id }, admin)).reminderCampaign.status).toBe('CANCELLED');
    expect(browser.errors).toEqual([]);
  });

  it('shows the festival calendar as month grids (Spring Festival on its date, days off and swapped working days) and keeps custom dates', async () => {
    const query = '{ festivalCalendar(year: $year) { statutoryPublished festivals { key name date } daysOff { date } swappedWorkdays { date } customDates { date customDate { name yearly } } } }';
    const calendarOf = async (y: number) => (await api.ok(`query($year: Int!) ${query}`, { year: y }, admin)).festivalCalendar;
    const cal = await calendarOf(year);
    const spring = cal.festivals.find((f: { key: string }) => f.key === 'SPRING_FESTIVAL').date as string;

    const page = await browser.newPage(DESKTOP);
    await signIn(page);
    await page.getByRole('menuitem', { name: '节日日历' }).click();
    await page.waitForURL(`${api.url}/admin/calendar`);
    await page.getByTestId(`month-${year}-${spring.slice(5, 7)}`).waitFor();
    await page.getByTestId(`day-${spring}`).getByText('春节', { exact: true }).waitFor();
    expect(await page.getByTestId('month-grid').getByText('春节', { exact: true }).count()).toBe(1);
    for (const f of cal.festivals as { name: string; date: string }[]) await page.getByTestId(`day-${f.date}`).getByText(f.name, { exact: true }).waitFor();
    if (cal.statutoryPublished) {
      expect(cal.daysOff.length).toBeGreaterThan(0);
      await expect(page.getByTestId(`day-${cal.daysOff[0].date}`).textContent()).resolves.toContain('休');
      if (cal.swappedWorkdays.length) await expect(page.getByTestId(`day-${cal.swappedWorkdays[0].date}`).textContent()).resolves.toContain('班');
      expect(await page.getByTestId('statutory-not-published').count()).toBe(0);
    } else {
      await page.getByTestId('statutory-not-published').waitFor();
    }

    // the next year: its own Spring Festival, and whether its statutory days are published, as the API says
    const next = await calendarOf(year + 1);
    await page.getByRole('button', { name: '下一年' }).click();
    const nextSpring = next.festivals.find((f: { key: string }) => f.key === 'SPRING_FESTIVAL').date as string;
    await page.getByTestId(`day-${nextSpring}`).getByText('春节', { exact: true }).waitFor();
    expect(await page.getByTestId('statutory-not-published').count()).toBe(next.statutoryPublished ? 0 : 1);
    await page.getByRole('button', { name: '回到今年' }).click();
    await page.getByTestId(`day-${spring}`).getByText('春节', { exact: true }).waitFor();

    // a yearly custom date: checked before sending, then kept by the API
    await page.getByRole('button', { name: '添加自定义日期' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '添加自定义日期' }).click();
    await dialog.getByText('请填写名称').waitFor();
    await dialog.getByLabel('名称').fill('党支部主题党日');
    await dialog.getByLabel('日期').fill(`${year}-07-01`);
    await dialog.getByLabel('日期').press('Enter');
    await dialog.getByRole('switch').click();
    await dialog.getByRole('button', { name: '添加自定义日期' }).click();
    await page.getByTestId('custom-dates').getByText('党支部主题党日').waitFor();
    await page.getByTestId(`day-${year}-07-01`).locator('[aria-label*="党支部主题党日"]').waitFor();
    const saved = (await calendarOf(year + 1)).customDates;
    expect(saved).toEqual([{ date: `${year + 1}-07-01`, customDate: { name: '党支部主题党日', yearly: true } }]);
    await browser.screenshot(page, 'admin-calendar');

    await page.getByRole('button', { name: '删除自定义日期 党支部主题党日' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /确\s?定/ }).click();
    await page.getByText(`${year} 年没有自定义日期`).waitFor();
    expect((await calendarOf(year)).customDates).toEqual([]);
    expect(browser.errors).toEqual([]);
  });

  it('recomputes the year with progress, reads the report per unit as a table and charts, drills down to the cadres and one record, and exports CSV', async () => {
    const page = await browser.newPage(DESKTOP);
    await signIn(page);
    await page.getByRole('menuitem', { name: '学习完成情况' }).click();
    await page.waitForURL(`${api.url}/admin/reports`);

    // the full recompute, run by the worker, with its progress
    await page.getByRole('button', { name: '重新计算' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '开始计算' }).click();
    await page.getByTestId('recompute-status').getByText('计算完成：共 6 人').waitFor({ timeout: 30_000 });
    await expect(page.getByRole('progressbar', { name: '重新计算进度' }).getAttribute('aria-valuenow')).resolves.toBe('100');

    const { completionReport: report } = await api.ok(
      'query($year: Int!) { completionReport(year: $year) { rows { unitId unitName tier cadres completed inProgress notStarted overdue completionRate averageHours } overdueLeaders { userId name } } }',
      { year },
      admin,
    );
    const totals = report.rows.filter((r: { tier: string | null }) => r.tier === null);
    expect(totals.map((r: { unitName: string }) => r.unitName)).toEqual(['青莲市', '市纪委监委', '清河镇']);
    expect(totals[0].cadres).toBe(6);
    expect(report.overdueLeaders.map((l: { name: string }) => l.name)).toEqual(['钱新任']);
    const table = page.getByTestId('report-table');
    for (const r of totals) {
      const cells = await table.locator(`tr[data-row-key="${r.unitId}"] td`).allTextContents();
      expect(cells.slice(0, 6)).toEqual([r.unitName, String(r.cadres), String(r.completed), String(r.inProgress), String(r.notStarted), String(r.overdue)]);
      expect(cells[6]).toBe(`${r.completionRate}%`);
    }
    await page.getByTestId('overdue-leaders').getByRole('link', { name: '钱新任' }).waitFor();
    await page.getByRole('figure', { name: '各单位完成率柱状图' }).locator('svg').first().waitFor();
    await browser.screenshot(page, 'admin-report');

    // the report as CSV, downloaded with the session's token
    const reportDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出报表（CSV）' }).click();
    const reportCsv = readFileSync((await (await reportDownload).path())!, 'utf8');
    expect(reportCsv.startsWith('\uFEFF单位,层级,干部数')).toBe(true);
    expect(reportCsv).toContain('清河镇');

    // drill down: the cadres of the bureau (its office rolled up)
    await page.getByRole('button', { name: '查看市纪委监委的干部名单' }).click();
    await page.waitForURL(/\/admin\/reports\/records\?/);
    const { completionRecords: bureau } = await api.ok('query($year: Int!, $unitId: ID) { completionRecords(year: $year, unitId: $unitId) { totalCount nodes { person { name } status } } }', { year, unitId: org.bureau.id }, admin);
    expect(bureau.totalCount).toBe(3);
    for (const n of bureau.nodes) await page.getByTestId('records-table').getByRole('link', { name: `查看${n.person.name}的学习档案` }).waitFor();
    await page.getByTestId('pager-total').getByText('共 3 条').waitFor();
    // narrowed to the overdue ones
    await page.getByLabel('完成状态').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').getByText('已逾期', { exact: true }).click();
    await page.getByTestId('pager-total').getByText('共 1 条').waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('OVERDUE');
    await browser.screenshot(page, 'admin-report-records');

    const listDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出名单（CSV）' }).click();
    const listCsv = readFileSync((await (await listDownload).path())!, 'utf8');
    expect(listCsv.startsWith('\uFEFF姓名,单位')).toBe(true);
    expect(listCsv.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(listCsv).toContain('钱新任');

    // one cadre's record
    await page.getByRole('link', { name: '查看钱新任的学习档案' }).click();
    await page.getByTestId('record-title').getByText(`钱新任 · ${year} 年度学习档案`).waitFor();
    await page.getByTestId('record-status').getByText('已逾期').waitFor();
    await page.getByText('领导干部').first().waitFor();
    await browser.screenshot(page, 'admin-report-record');
    await page.getByRole('link', { name: '返回名单' }).click();
    await page.getByTestId('pager-total').getByText('共 1 条').waitFor();
    expect(browser.errors).toEqual([]);
  });

  it('fits a phone: no page of the console scrolls sideways, and the menu opens as a drawer', async () => {
    const page = await browser.newPage(PHONE);
    await signIn(page);
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth);
    await page.getByRole('link', { name: '春节廉洁提醒' }).click();
    await page.getByTestId('occurrence-status').waitFor();
    expect(await fits()).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('button', { name: '编辑' }).click();
    await page.getByTestId('campaign-preview').getByTestId('preview-cadres').getByText('干部 3 人').waitFor();
    expect(await fits()).toBeLessThanOrEqual(PHONE.width);
    await browser.screenshot(page, 'admin-campaign-editor-phone');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('menuitem', { name: '节日日历' }).click();
    await page.getByTestId('month-grid').waitFor();
    expect(await fits()).toBeLessThanOrEqual(PHONE.width);
    await browser.screenshot(page, 'admin-calendar-phone');
    await page.goto(`${api.url}/admin/reports`);
    await page.getByTestId('report-table').waitFor();
    expect(await fits()).toBeLessThanOrEqual(PHONE.width);
    await browser.screenshot(page, 'admin-report-phone');
    // in English
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Completion reports' }).waitFor();
    await page.getByRole('button', { name: 'Export report (CSV)' }).waitFor();
    expect(await fits()).toBeLessThanOrEqual(PHONE.width);
    expect(browser.errors).toEqual([]);
  });
});
