import { INestApplicationContext } from '@nestjs/common';
import { CompletionRecordsService } from '@qinglian/completion';
import { eventually, launchBrowser, OrgFixture, PHONE, seedOrganisation, startTestApi, startTestWorker, TestApi, TestBrowser, WEB_DIST } from '@qinglian/testing';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';

const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const at = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

const VISIT = '廉政警示教育基地参观学习';
const FULL = '先进典型学习：清河镇村务监督';
const APPROVAL = '红色教育基地现场教学';
const ELSEWHERE = '清河镇干部廉政家访';

/**
 * A cadre on a phone: signs up for a study tour, shows the check-in code, is
 * checked in and marked attended by the organiser and sees the tour's hours in
 * the record (recomputed by the worker), downloads the certificate; joins the
 * waitlist of a full tour, cannot cancel after the cut-off, waits for
 * approval; acknowledges a clean-government reminder in the inbox.
 */
describe('web app: study tours, the inbox and my record (phone)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let org: OrgFixture;
  let browser: TestBrowser;
  let admin: string;
  let cadre: string;
  const tours: Record<string, string> = {};

  const db = () => api.app.get(DataSource);
  const mySignUp = async (tourId: string) =>
    (await api.ok('query($id: ID!) { studyTour(id: $id) { mySignUp { status waitlistPosition checkedInAt attendance } } }', { id: tourId }, cadre)).studyTour.mySignUp;

  beforeAll(async () => {
    api = await startTestApi('web-portal', { WEB_DIST_PATH: WEB_DIST });
    worker = await startTestWorker(api.env);
    org = await seedOrganisation(api.app);
    admin = await api.login('13800000001', org.password);
    cadre = await api.login('13800000004', org.password);
    const other = await api.login('13800000005', org.password);

    // on-job cadres need 2 class hours this year: one attended tour completes the record
    await api.ok('mutation($y: Int!) { setCompletionRule(year: $y, tier: ON_JOB, input: { requiredHours: 2, minRequiredCourseHours: 0, carryOverCap: 0 }) { id } }', { y: YEAR }, admin);

    const tour = async (input: Record<string, unknown>) => {
      const { createStudyTour } = await api.ok('mutation($i: CreateTourInput!) { createStudyTour(input: $i) { id } }', { i: { unitId: org.city.id, signUpOpensAt: at(-1), ...input } }, admin);
      await api.ok('mutation($id: ID!) { openStudyTour(id: $id) { status } }', { id: createStudyTour.id }, admin);
      return createStudyTour.id as string;
    };
    tours.visit = await tour({ title: VISIT, kind: 'WARNING_EDUCATION_BASE', destination: '青莲市廉政教育基地', meetingPoint: '市纪委监委大院东门', startsAt: at(1), endsAt: at(3), capacity: 10, signUpClosesAt: at(0.5), cancelCutoffAt: at(0.5), classHours: 2 });
    tours.full = await tour({ title: FULL, kind: 'ADVANCED_MODEL_STUDY', destination: '清河镇', startsAt: at(48), endsAt: at(52), capacity: 1, signUpClosesAt: at(24), cancelCutoffAt: at(24), classHours: 1 });
    tours.approval = await tour({ title: APPROVAL, kind: 'REVOLUTIONARY_SITE', destination: '青莲革命纪念馆', startsAt: at(72), endsAt: at(76), capacity: 20, signUpClosesAt: at(48), cancelCutoffAt: at(48), classHours: 1, approvalRequired: true });
    // organised by the township: not for a cadre of the bureau
    tours.elsewhere = await tour({ title: ELSEWHERE, kind: 'OTHER', destination: '清河镇', startsAt: at(72), endsAt: at(76), capacity: 5, signUpClosesAt: at(48), cancelCutoffAt: at(48), unitId: org.township.id });
    // the one seat of the full tour goes to another cadre first
    expect((await api.ok('mutation($id: ID!) { signUpForTour(tourId: $id) { status } }', { id: tours.full }, other)).signUpForTour.status).toBe('CONFIRMED');

    // a reminder sent in the app right after a cadre reports a wedding
    const { createReminderCampaign } = await api.ok(
      'mutation($i: CampaignInput!) { createReminderCampaign(input: $i) { id } }',
      {
        i: {
          name: '婚丧喜庆事宜廉洁提醒',
          triggerKind: 'OCCASION',
          occasionKinds: ['WEDDING'],
          occasionOffsetDays: null,
          channels: ['IN_APP'],
          title: '{{festival}}事宜廉洁提醒',
          bodyText: '{{name}}同志：操办婚丧喜庆事宜应按规定事先报告，严禁大操大办、借机敛财。',
        },
      },
      admin,
    );
    await api.ok('mutation($id: ID!) { scheduleReminderCampaign(id: $id) { status } }', { id: createReminderCampaign.id }, admin);

    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
  });

  const signIn = async (page: Page, path: string) => {
    await page.goto(`${api.url}${path}`);
    await page.getByLabel('手机号或电子邮箱').fill('13800000004');
    await page.getByLabel('密码').fill(org.password);
    await page.getByRole('button', { name: '登 录' }).click();
    await page.waitForURL(`${api.url}${path}`);
  };

  it('signs up for a tour, shows the check-in code, is checked in and attended, and sees the hours in the record; downloads the certificate', async () => {
    const page = await browser.newPage(PHONE);
    await signIn(page, '/study/tours');
    await page.getByRole('link', { name: VISIT, exact: true }).waitFor();
    await page.getByTestId('tour-count').getByText('共 3 项').waitFor();
    await page.getByTestId(`tour-${tours.full}`).getByText('名额已满（共 1 个），可报名候补').waitFor();
    await browser.screenshot(page, 'cadre-tours-phone');

    await page.getByRole('link', { name: VISIT, exact: true }).click();
    await page.waitForURL(`${api.url}/study/tours/${tours.visit}`);
    await page.getByText('市纪委监委大院东门').waitFor();
    await page.getByText('您尚未报名。').waitFor();
    await page.getByRole('button', { name: '我要报名' }).click();
    await page.getByRole('dialog').getByText(/如需取消，请于 .+ 前办理/).waitFor();
    await page.getByRole('button', { name: '确认报名' }).click();
    await page.getByText('报名成功，已获得正式名额').waitFor();
    expect(await mySignUp(tours.visit)).toMatchObject({ status: 'CONFIRMED', checkedInAt: null });

    // the tour starts within two hours: the code is on screen, large, with its expiry
    const code = (await page.getByTestId('checkin-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await page.getByTestId('checkin-code-expiry').getByText(/有效至 \d\d:\d\d:\d\d/).waitFor();
    await browser.screenshot(page, 'cadre-tour-checkin-code-phone');

    // the organiser types the code; the phone notices
    const { checkInForTour } = await api.ok('mutation($t: ID!, $c: String) { checkInForTour(tourId: $t, code: $c) { checkedInAt } }', { t: tours.visit, c: code }, admin);
    expect(checkInForTour.checkedInAt).not.toBeNull();
    await page.getByTestId('checked-in').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('checkin-code').count()).resolves.toBe(0);

    // the tour ends; the organiser records attendance, the worker credits the hours
    await db().query(
      `UPDATE study_tours SET signup_opens_at = now() - interval '6 hours', signup_closes_at = now() - interval '5 hours',
              cancel_cutoff_at = now() - interval '5 hours', starts_at = now() - interval '4 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [tours.visit],
    );
    await api.ok('mutation($id: ID!) { completeStudyTour(id: $id) { status } }', { id: tours.visit }, admin);
    expect(await mySignUp(tours.visit)).toMatchObject({ status: 'CONFIRMED', attendance: 'ATTENDED' });
    await page.reload();
    await page.getByText('已确认出席，计入 2 学时。').waitFor();

    await page.getByRole('link', { name: '查看学习档案' }).click();
    await page.waitForURL(`${api.url}/study/record`);
    // the record page keeps reading until the worker's recompute has caught up
    await page.getByTestId(`credit-TOUR-${tours.visit}`).getByText('2 学时').waitFor({ timeout: 20_000 });
    await page.getByTestId('record-status').getByText('已完成').waitFor({ timeout: 20_000 });
    await page.getByTestId('record-hours').getByText('已获 2 / 要求 2 学时').waitFor();
    const { myCompletionRecord } = await api.ok('query($y: Int!) { myCompletionRecord(year: $y) { status earnedTour credits { source sourceId hours } certificateCode } }', { y: YEAR }, cadre);
    expect(myCompletionRecord).toMatchObject({ status: 'COMPLETED', earnedTour: 2, credits: [{ source: 'TOUR', sourceId: tours.visit, hours: 2 }] });
    await page.getByText(myCompletionRecord.certificateCode).waitFor();
    await browser.screenshot(page, 'cadre-record-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await browser.screenshot(page, 'cadre-record-desktop');
    await page.setViewportSize(PHONE);

    // the certificate, fetched with the cadre's session
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载结业证书/ }).click()]);
    expect(download.suggestedFilename()).toBe(`廉洁教育结业证书-${YEAR}.pdf`);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(browser.errors).toEqual([]);
  }, 75_000);

  it('joins the waitlist of a full tour, cannot cancel after the cut-off, waits for approval, and is refused a tour of another unit', async () => {
    const page = await browser.newPage(PHONE);
    await signIn(page, `/study/tours/${tours.full}`);
    await page.getByRole('button', { name: '我要报名' }).click();
    await page.getByRole('dialog').getByText('名额已满，报名后将进入候补名单，有空余名额时按报名先后递补。').waitFor();
    await page.getByRole('button', { name: '确认报名' }).click();
    await page.getByText('名额已满，您已进入候补名单第 1 位').waitFor();
    await page.getByTestId('my-signup').getByText('候补第 1 位').waitFor();
    expect(await mySignUp(tours.full)).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });

    // the cut-off passes while the page is open: the API's refusal is shown, and nothing changes
    await db().query(`UPDATE study_tours SET cancel_cutoff_at = now() - interval '1 minute' WHERE id = $1`, [tours.full]);
    await page.getByRole('button', { name: '取消报名' }).click();
    await page.getByRole('button', { name: '确认取消' }).click();
    await page.getByTestId('tour-problem').getByText('取消报名未成功').waitFor();
    // the API's reason, said in Chinese
    await page.getByTestId('tour-problem').getByText(/取消报名的截止时间（.+）已过，如需取消请联系组织单位。/).waitFor();
    // the page reads the tour again: the new cut-off, and no cancel button
    await page.getByText(/取消报名已于 .+ 截止，如需取消请联系组织单位。/).waitFor();
    await expect(page.getByRole('button', { name: '取消报名' }).count()).resolves.toBe(0);
    await browser.screenshot(page, 'cadre-tour-waitlisted-phone');
    expect(await mySignUp(tours.full)).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });

    // in English
    await page.getByTestId('language-switch').click();
    await page.getByTestId('my-signup').getByText('Waitlist no. 1').waitFor();
    await page.getByText(/Cancellation closed .+; ask the organiser\./).waitFor();
    await browser.screenshot(page, 'cadre-tour-waitlisted-phone-en');
    await page.getByTestId('language-switch').click();
    await page.getByTestId('my-signup').getByText('候补第 1 位').waitFor();

    // a tour that needs approval
    await page.goto(`${api.url}/study/tours/${tours.approval}`);
    await page.getByRole('button', { name: '我要报名' }).click();
    await page.getByRole('dialog').getByText(/本次考察需经组织单位审核/).waitFor();
    await page.getByRole('button', { name: '确认报名' }).click();
    await page.getByText('报名已提交，请等待组织单位审核').waitFor();
    await page.getByTestId('my-signup').getByText('待审核').waitFor();
    expect(await mySignUp(tours.approval)).toMatchObject({ status: 'PENDING' });

    // a tour of another unit: the API's reason, in Chinese
    await page.goto(`${api.url}/study/tours/${tours.elsewhere}`);
    await page.getByText('无法查看该考察学习').waitFor();
    await page.getByRole('alert').getByText('本次考察面向其他单位组织，您不在参加范围内。').waitFor();
    expect(browser.errors).toEqual([]);
  }, 45_000);

  it('opens a reminder from the home page, reads it in the inbox and answers "read and will comply"', async () => {
    const date = new Date(Date.now() + (8 + 20 * 24) * 3600_000).toISOString().slice(0, 10);
    await api.ok('mutation($i: ReportOccasionInput!) { reportOccasion(input: $i) { id } }', { i: { kind: 'WEDDING', date, note: '女儿结婚' } }, cadre);
    const inbox = async () => (await api.ok('query { myNotifications(first: 20) { unreadCount nodes { id kind title readAt acknowledgedAt } } }', {}, cadre)).myNotifications;
    const reminder = await eventually(async () => (await inbox()).nodes.find((n: { kind: string }) => n.kind === 'REMINDER'), 'the reminder in the inbox', 20_000);
    expect(reminder).toMatchObject({ title: '婚嫁事宜廉洁提醒', readAt: null, acknowledgedAt: null });

    const page = await browser.newPage(PHONE);
    await signIn(page, '/study');
    await page.getByTestId('unread-count').getByText('1').waitFor();
    // the menu counts the unread message
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('menuitem', { name: /消息提醒/ }).getByTestId('menu-unread-count').getByText('1').waitFor();
    await browser.screenshot(page, 'cadre-menu-unread-phone');
    await page.keyboard.press('Escape');
    await page.getByRole('menuitem', { name: /消息提醒/ }).waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: '婚嫁事宜廉洁提醒' }).click();
    await page.waitForURL(`${api.url}/study/inbox`);
    const dialog = page.getByRole('dialog');
    await dialog.getByText('李干部同志：操办婚丧喜庆事宜应按规定事先报告，严禁大操大办、借机敛财。').waitFor();
    await dialog.getByText('请认真阅读以上廉洁提醒，阅读后请确认。').waitFor();
    // opening it marked it read
    await eventually(async () => ((await inbox()).nodes.find((n: { id: string }) => n.id === reminder.id)?.readAt ? true : undefined), 'the reminder read');

    await dialog.getByRole('button', { name: '已阅并承诺遵守' }).click();
    await dialog.getByTestId('acknowledged').getByText(/您已于 .+ 确认“已阅并承诺遵守”/).waitFor();
    const stored = (await inbox()).nodes.find((n: { id: string }) => n.id === reminder.id);
    expect(stored.acknowledgedAt).not.toBeNull();
    expect(stored.readAt).not.toBeNull();
    await browser.screenshot(page, 'cadre-inbox-reminder-phone');
    await dialog.getByRole('button', { name: /Close|关闭/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId(`notification-${reminder.id}`).getByText('已承诺遵守').waitFor();
    await page.getByTestId('inbox-count').getByText('共 1 条，0 条未读').waitFor();
    await browser.screenshot(page, 'cadre-inbox-phone');

    await page.getByText('未读', { exact: true }).click();
    await page.getByText('没有未读消息').waitFor();
    // the menu shows no unread messages any more
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('menuitem', { name: /消息提醒/ }).waitFor();
    await expect(page.getByTestId('menu-unread-count').locator('sup').count()).resolves.toBe(0);
    await page.keyboard.press('Escape');

    // last year's record, kept by the worker's recompute, is offered in the year picker
    await api.app.get(CompletionRecordsService).recompute([org.cadre.id], YEAR - 1);
    await page.goto(`${api.url}/study/record`);
    await page.getByTestId('record-status').getByText('已完成').waitFor();
    await page.getByLabel('选择年度').click();
    await page.locator('.ant-select-item-option', { hasText: `${YEAR - 1} 年度` }).click();
    await page.getByText(`${YEAR - 1} 年度完成情况`).waitFor();
    await page.getByTestId('record-status').getByText('已逾期').waitFor();
    await page.getByTestId('record-hours').getByText('已获 0 / 要求 50 学时').waitFor();
    await page.getByText(`${YEAR - 1} 年度尚未获得学时`).waitFor();
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it('shows a long list a page at a time: "load more" appends the next page, without repeats, until none is left', async () => {
    // ten more open tours of the city: more than one page (10) open to the cadre
    for (let i = 1; i <= 10; i++) {
      const { createStudyTour } = await api.ok(
        'mutation($i: CreateTourInput!) { createStudyTour(input: $i) { id } }',
        { i: { unitId: org.city.id, title: `廉政教育基地参观第${i}批`, kind: 'WARNING_EDUCATION_BASE', destination: '青莲市廉政教育基地', startsAt: at(100 + i), endsAt: at(103 + i), capacity: 30, signUpOpensAt: at(-1), signUpClosesAt: at(90), cancelCutoffAt: at(90), classHours: 1 } },
        admin,
      );
      await api.ok('mutation($id: ID!) { openStudyTour(id: $id) { status } }', { id: createStudyTour.id }, admin);
    }
    const { studyTours } = await api.ok('query { studyTours(status: OPEN, first: 50) { totalCount nodes { title } } }', {}, cadre);
    expect(studyTours.totalCount).toBeGreaterThan(10);
    expect(studyTours.totalCount).toBeLessThanOrEqual(20);

    const page = await browser.newPage(PHONE);
    await signIn(page, '/study/tours');
    await page.getByTestId('tour-count').getByText(`共 ${studyTours.totalCount} 项`).waitFor();
    const cards = page.locator('.ant-list-item');
    await expect(cards.count()).resolves.toBe(10);
    await page.getByRole('button', { name: '加载更多' }).click();
    await page.getByRole('button', { name: '加载更多' }).waitFor({ state: 'detached' });
    await expect(cards.count()).resolves.toBe(studyTours.totalCount);
    const shown = await page.locator('.ant-list-item a[href^="/study/tours/"]').allTextContents();
    expect([...shown].sort()).toEqual(studyTours.nodes.map((n: { title: string }) => n.title).sort());
    expect(browser.errors).toEqual([]);
  }, 60_000);
});
