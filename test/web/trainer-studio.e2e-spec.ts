import { INestApplicationContext } from '@nestjs/common';
import { eventually, launchBrowser, makeTestVideo, OrgFixture, PHONE, seedOrganisation, startTestApi, startTestWorker, TestApi, TestBrowser, WEB_DIST } from '@qinglian/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';

const DESKTOP = { width: 1366, height: 900 };

/**
 * The trainer studio in a real browser at desktop width: a trainer builds a
 * course with an uploaded film (processed by the worker's ffprobe) and an
 * article, reorders, publishes and revises it; then the studio at phone
 * width. Outcomes are checked through the API. The question bank, contests
 * and study tours are in trainer-bank-tours.e2e-spec.ts.
 */
describe('web app: the trainer studio (desktop)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let org: OrgFixture;
  let browser: TestBrowser;
  let dir: string;
  let film: string;
  let trainer: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qinglian-web-studio-'));
    film = makeTestVideo(dir, 12, '警示教育片.mp4');
    api = await startTestApi('web-studio', { WEB_DIST_PATH: WEB_DIST, STORAGE_PATH: path.join(dir, 'storage') });
    worker = await startTestWorker(api.env);
    org = await seedOrganisation(api.app);
    trainer = await api.login('13800000003', org.password);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (page: Page, path = '/studio') => {
    await page.goto(`${api.url}${path}`);
    await page.getByLabel('手机号或电子邮箱').fill('13800000003');
    await page.getByLabel('密码').fill(org.password);
    await page.getByRole('button', { name: '登 录' }).click();
  };
  /** Picks an option of an antd Select (its visible list, not the hidden accessibility copy). */
  const choose = async (page: Page, select: ReturnType<Page['getByLabel']>, option: string) => {
    await select.click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  };
  const lessonTitles = async (courseId: string) => {
    const { course } = await api.ok<{ course: { status: string; lessons: { title: string; position: number }[] } }>('query($id: ID!) { course(id: $id) { status lessons { title position } } }', { id: courseId }, trainer);
    return { status: course.status, titles: course.lessons.map((l) => l.title) };
  };

  it('creates a course, uploads a film with progress until READY, adds a film and an article, reorders them and publishes', async () => {
    const page = await browser.newPage(DESKTOP);
    await signIn(page);
    await page.waitForURL(`${api.url}/studio`);
    await page.getByRole('heading', { name: '课程管理' }).waitFor();
    await page.getByText('本单位尚未建设课程').waitFor();

    // a new draft: the form checks before sending
    await page.getByRole('button', { name: '新建课程' }).first().click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('button', { name: '创建课程' }).click();
    await drawer.getByText('请输入课程名称').waitFor();
    await drawer.getByLabel('课程名称').fill('以案为鉴 警钟长鸣——警示教育专题');
    await drawer.getByLabel('课程简介').fill('通过典型案例剖析，筑牢拒腐防变思想防线。');
    await choose(page, drawer.getByLabel('科目'), '警示教育');
    await drawer.getByLabel('学时', { exact: true }).fill('1.5');
    await drawer.getByRole('button', { name: '创建课程' }).click();
    await page.waitForURL(/\/studio\/courses\/[0-9a-f-]{36}$/);
    const courseId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('course-title').getByText('以案为鉴 警钟长鸣——警示教育专题').waitFor();
    await page.getByTestId('course-status').getByText('草稿').waitFor();

    // publishing an empty course is refused, and the page says why
    await page.getByRole('button', { name: '发布课程' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '发布课程' }).click();
    await page.getByTestId('course-problem').getByText('发布前请至少添加一个必学环节').waitFor();

    // a film lesson: the upload shows real progress (the upload is slowed down), then the worker reads the film
    await page.getByRole('button', { name: '添加环节' }).click();
    const modal = page.getByRole('dialog', { name: '添加学习环节' });
    await modal.getByLabel('环节名称').fill('观看警示教育片');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 16 * 1024 });
    await modal.getByTestId('file-input-video').setInputFiles(film);
    const progress = modal.getByTestId('upload-progress');
    await progress.getByText('正在上传 警示教育片.mp4').waitFor();
    await page.waitForFunction(() => {
      const text = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('[data-testid="upload-progress"]')?.textContent ?? '';
      const m = /(\d+)%/.exec(text);
      return m !== null && Number(m[1]) > 0 && Number(m[1]) < 100;
    });
    await browser.screenshot(page, 'trainer-video-upload-progress');
    await progress.waitFor({ state: 'detached', timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await modal.getByTestId('media-status').getByText('已就绪').waitFor({ timeout: 30_000 });
    await modal.getByTestId('media-status').getByText('时长 0:12').waitFor();
    await modal.getByTestId('media-poster').waitFor();
    await browser.screenshot(page, 'trainer-video-upload');
    await modal.getByRole('button', { name: '保 存' }).click();
    await modal.waitFor({ state: 'detached' });
    await page.getByTestId('lesson-row').filter({ hasText: '观看警示教育片' }).getByText('已就绪').waitFor();

    // an article lesson in plain text with a minimum reading time
    await page.getByRole('button', { name: '添加环节' }).click();
    const article = page.getByRole('dialog', { name: '添加学习环节' });
    await article.getByText('图文', { exact: true }).click();
    await article.getByLabel('环节名称').fill('案例剖析：从“小节”到“大错”');
    await article.getByLabel('正文').fill('某局原局长从收受购物卡开始，逐步滑向违纪违法的深渊。\n\n警示我们：廉洁自律要从小事做起。');
    await article.getByLabel('最少阅读时间').fill('60');
    await article.getByRole('button', { name: '保 存' }).click();
    await article.waitFor({ state: 'detached' });
    expect(await lessonTitles(courseId)).toEqual({ status: 'DRAFT', titles: ['观看警示教育片', '案例剖析：从“小节”到“大错”'] });

    // drag the article above the film
    const rows = page.getByTestId('lesson-row');
    await rows.nth(1).dragTo(rows.nth(0));
    await page.getByText('顺序已保存').waitFor();
    await eventually(async () => ((await lessonTitles(courseId)).titles[0] === '案例剖析：从“小节”到“大错”' ? true : undefined), 'the dragged order to be saved', 5_000);
    await rows.nth(0).getByTestId('lesson-title').getByText('案例剖析：从“小节”到“大错”').waitFor();

    // and, from the keyboard's buttons, the film back down to second... then up to first again
    await page.getByRole('button', { name: '上移《观看警示教育片》' }).click();
    await eventually(async () => ((await lessonTitles(courseId)).titles[0] === '观看警示教育片' ? true : undefined), 'the button order to be saved', 5_000);
    await page.getByRole('button', { name: '下移《观看警示教育片》' }).click();
    await eventually(async () => ((await lessonTitles(courseId)).titles[0] === '案例剖析：从“小节”到“大错”' ? true : undefined), 'the second button order to be saved', 5_000);
    await rows.nth(1).getByTestId('lesson-title').getByText('观看警示教育片').waitFor();
    await browser.screenshot(page, 'trainer-course-editor');

    // publish: the course is PUBLISHED with the lessons in the new order
    await page.getByRole('button', { name: '发布课程' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '发布课程' }).click();
    await page.getByTestId('course-status').getByText('已发布').waitFor();
    await page.getByTestId('course-status').getByText('第 1 版').waitFor();
    expect(await lessonTitles(courseId)).toEqual({ status: 'PUBLISHED', titles: ['案例剖析：从“小节”到“大错”', '观看警示教育片'] });
    await browser.screenshot(page, 'trainer-course-published');

    // an edit of the published course makes revision 2 with its note
    await page.getByRole('tab', { name: '课程信息' }).click();
    await page.getByLabel('课程名称').fill('以案为鉴 警钟长鸣——警示教育专题（2026 年版）');
    await page.getByLabel('修改说明').fill('标题注明年度');
    await page.getByRole('button', { name: '保存为新修订版' }).click();
    await page.getByTestId('course-status').getByText('第 2 版').waitFor();
    const { courseRevisions } = await api.ok<{ courseRevisions: { revision: number; note: string | null; title: string }[] }>('query($id: ID!) { courseRevisions(courseId: $id) { revision note title } }', { id: courseId }, trainer);
    expect(courseRevisions.map((r) => [r.revision, r.note, r.title])).toEqual([
      [1, 'published', '以案为鉴 警钟长鸣——警示教育专题'],
      [2, '标题注明年度', '以案为鉴 警钟长鸣——警示教育专题（2026 年版）'],
    ]);
    await page.getByRole('tab', { name: '修订记录' }).click();
    await page.locator('tr', { hasText: '标题注明年度' }).getByText('第 2 版').waitFor();

    // the list shows it
    await page.getByRole('link', { name: '返回课程列表' }).click();
    await page.getByRole('link', { name: '以案为鉴 警钟长鸣——警示教育专题（2026 年版）' }).waitFor();
    await page.getByTestId('pager').getByText('共 1 条').waitFor();
    expect(browser.errors).toEqual([]);
  }, 90_000);

  it('works at phone width: the menu drawer reaches every studio page, and the course editor and a draft tour fit the screen', async () => {
    const { courses } = await api.ok<{ courses: { nodes: { id: string }[] } }>('{ courses(first: 1) { nodes { id } } }', {}, trainer);
    const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const { createStudyTour } = await api.ok<{ createStudyTour: { id: string } }>(
      'mutation($input: CreateTourInput!) { createStudyTour(input: $input) { id } }',
      { input: { title: '红色教育基地学习', kind: 'REVOLUTIONARY_SITE', destination: '青莲市革命纪念馆', startsAt: hours(72), endsAt: hours(76), capacity: 40, signUpOpensAt: hours(-1), signUpClosesAt: hours(48), cancelCutoffAt: hours(24), approvalRequired: true } },
      trainer,
    );
    const page = await browser.newPage(PHONE);
    await signIn(page);
    await page.waitForURL(`${api.url}/studio`);
    await page.getByRole('heading', { name: '课程管理' }).waitFor();
    await browser.screenshot(page, 'trainer-courses-phone');
    for (const [item, heading] of [['题库管理', '题库管理'], ['测验与竞赛', '测验与竞赛'], ['考察学习管理', '考察学习']]) {
      await page.getByRole('button', { name: '菜单' }).click();
      await page.getByRole('menuitem', { name: item }).click();
      await page.getByRole('heading', { name: heading }).waitFor();
    }
    const wide = async () => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(courses.nodes).toHaveLength(1);
    await page.goto(`${api.url}/studio/courses/${courses.nodes[0].id}`);
    await page.getByTestId('lesson-list').waitFor();
    expect(await wide()).toBeLessThanOrEqual(PHONE.width);
    await browser.screenshot(page, 'trainer-course-editor-phone');
    await page.goto(`${api.url}/studio/tours/${createStudyTour.id}`);
    await page.getByTestId('tour-status').getByText('草稿').waitFor();
    await page.getByTestId('tour-status').getByText('报名需审核').waitFor();
    expect(await wide()).toBeLessThanOrEqual(PHONE.width);
    await browser.screenshot(page, 'trainer-tour-phone');
    expect(browser.errors).toEqual([]);
  }, 60_000);
});
