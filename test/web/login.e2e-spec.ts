import { launchBrowser, OrgFixture, PHONE, seedOrganisation, startTestApi, TestApi, TestBrowser, WEB_DIST } from '@qinglian/testing';
import request from 'supertest';

/** Signing in to the web app in a real browser (Debian's Chromium), at phone width, served by the API itself. */
describe('web app: sign-in and the cadre home', () => {
  let api: TestApi;
  let org: OrgFixture;
  let browser: TestBrowser;
  beforeAll(async () => {
    api = await startTestApi('web-login', { WEB_DIST_PATH: WEB_DIST });
    org = await seedOrganisation(api.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('serves the app for client routes without shadowing the API', async () => {
    const server = api.app.getHttpServer();
    const page = await request(server).get('/study/anything').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    const health = await request(server).get('/health/live').set('accept', 'text/html,*/*');
    expect(health.headers['content-type']).toMatch(/json/);
    const graphql = await request(server).post('/graphql').set('content-type', 'application/json').send({ query: '{ __typename }' });
    expect(graphql.body).toEqual({ data: { __typename: 'Query' } });
    const missing = await request(server).get('/media/00000000-0000-0000-0000-000000000000/content').set('accept', 'text/html');
    expect(missing.text).not.toContain('<div id="root">');
  });

  it('sends the first page compressed and cacheable, and leaves the console charts for those who open them', async () => {
    const server = api.app.getHttpServer();
    const page = await request(server).get('/login').set('accept', 'text/html').set('accept-encoding', 'gzip');
    expect(page.headers['cache-control']).toBe('no-cache');
    const scripts = [...page.text.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(1);
    let firstLoad = '';
    for (const script of scripts) {
      const res = await request(server).get(script).set('accept-encoding', 'gzip');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      firstLoad += res.text;
      if (res.text.length > 10_000) expect(res.headers['content-encoding']).toBe('gzip');
    }
    // recharts draws the console's statistics; a cadre signing in never downloads it
    expect(firstLoad).not.toContain('recharts-wrapper');
    const graphql = await request(server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('accept-encoding', 'gzip')
      .send({ query: '{ __schema { types { name description } } }' });
    expect(graphql.status).toBe(200);
    expect(graphql.headers['content-encoding']).toBe('gzip');
  });

  it('a cadre on a phone: wrong password, then signs in, sees this year, switches to English and stays signed in', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`${api.url}/study`);
    // signed out: the login page, which remembers where the cadre was going
    await page.getByLabel('手机号或电子邮箱').waitFor();

    // the form checks before sending
    await page.getByRole('button', { name: '登 录' }).click();
    await page.getByText('请输入手机号或电子邮箱').waitFor();
    await page.getByLabel('手机号或电子邮箱').fill('not-a-login');
    await page.getByText('请输入 11 位手机号或有效的电子邮箱').waitFor();

    await page.getByLabel('手机号或电子邮箱').fill('13800000004');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登 录' }).click();
    await page.getByTestId('login-error').getByText('手机号（邮箱）或密码不正确').waitFor();
    await browser.screenshot(page, 'login-wrong-password-phone');

    await page.getByLabel('密码').fill(org.password);
    await page.getByRole('button', { name: '登 录' }).click();
    await page.getByText('您好，李干部').waitFor();
    expect(new URL(page.url()).pathname).toBe('/study');
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    await page.getByText(`${year} 年度学习进度`).waitFor();
    // an on-job cadre with nothing done yet: 0 of the tier's 50 hours
    await page.getByTestId('earned-hours').getByText('已获 0 / 要求 50 学时').waitFor();
    await page.getByTestId('record-status').getByText('未开始').waitFor();
    await page.getByText('暂无可报名的考察学习').waitFor();
    await browser.screenshot(page, 'cadre-home-phone-zh');

    await page.getByTestId('language-switch').click();
    await page.getByText('Hello, 李干部').waitFor();
    await page.getByTestId('earned-hours').getByText('0 of 50 class hours earned').waitFor();
    await browser.screenshot(page, 'cadre-home-phone-en');

    // a reload keeps the session and the language
    await page.reload();
    await page.getByText('Hello, 李干部').waitFor();

    // the phone menu opens as a drawer and signs out
    await page.getByTestId('user-menu').click();
    await page.getByText('Sign out').click();
    await page.getByLabel('Phone number or e-mail').waitFor();

    expect(browser.errors).toEqual([]);
  });

  it('an administrator lands in the console, a trainer in the studio', async () => {
    const page = await browser.newPage({ width: 1280, height: 800 });
    await page.goto(`${api.url}/`);
    await page.getByLabel('手机号或电子邮箱').fill('13800000001');
    await page.getByLabel('密码').fill(org.password);
    await page.getByRole('button', { name: '登 录' }).click();
    await page.waitForURL(`${api.url}/admin`);
    await page.getByRole('menuitem', { name: '廉洁提醒' }).waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();

    // a trainer who is also a cadre: the studio first, the study centre one click away
    await page.getByLabel('手机号或电子邮箱').fill('13800000003');
    await page.getByLabel('密码').fill(org.password);
    await page.getByRole('button', { name: '登 录' }).click();
    await page.waitForURL(`${api.url}/studio`);
    await page.getByRole('menuitem', { name: '首页' }).click();
    await page.getByText('您好，王培训').waitFor();
    await browser.screenshot(page, 'trainer-desktop-study');
    expect(browser.errors).toEqual([]);
  });

  it('opens menus without animation for a reader who asked the system for less motion, and animated for the rest', async () => {
    /** The animation steps (`…-appear-active`: the dropdown moving) that the user menu went through while it opened. */
    const openingClasses = async (reducedMotion: 'reduce' | 'no-preference') => {
      const page = await browser.newPage({ width: 1280, height: 800, reducedMotion });
      await page.goto(`${api.url}/`);
      await page.getByLabel('手机号或电子邮箱').fill('13800000001');
      await page.getByLabel('密码').fill(org.password);
      await page.getByRole('button', { name: '登 录' }).click();
      await page.waitForURL(`${api.url}/admin`);
      // runs in the page: collects the classes of each element that starts moving
      await page.evaluate(`
        window.seenMotion = [];
        new MutationObserver((records) => {
          for (const r of records) {
            const els = r.type === 'attributes' ? [r.target] : [...r.addedNodes].filter((n) => n instanceof Element);
            for (const e of els) for (const c of e.classList) if (/-(enter|appear)-active$/.test(c)) window.seenMotion.push(c);
          }
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
      `);
      await page.getByTestId('user-menu').click();
      await page.getByText('退出登录').waitFor();
      await page.waitForTimeout(600);
      const seen = await page.evaluate<string[]>('window.seenMotion');
      await page.close();
      return [...new Set(seen)];
    };
    expect(await openingClasses('no-preference')).toEqual(expect.arrayContaining([expect.stringMatching(/^ant-slide-up-(enter|appear)-active$/)]));
    expect(await openingClasses('reduce')).toEqual([]);
    expect(browser.errors).toEqual([]);
  });

  it('a page whose code cannot be fetched reloads once, then shows the error state with a retry and leaves the rest of the app working', async () => {
    const page = await browser.newPage({ width: 1280, height: 800 });
    await page.goto(`${api.url}/`);
    await page.getByLabel('手机号或电子邮箱').fill('13800000004');
    await page.getByLabel('密码').fill(org.password);
    await page.getByRole('button', { name: '登 录' }).click();
    await page.getByText('您好，李干部').waitFor();
    // the record page's file is gone (say, replaced by a new release while the cadre was reading)
    let refused = 0;
    await page.route(/\/assets\/RecordPage-[^/]+\.js$/, async (route) => {
      refused += 1;
      await route.abort();
    });
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.goto(`${api.url}/study/record`);
    await page.getByRole('button', { name: /重\s?试/ }).waitFor();
    // one reload to pick up a new release, then the error state instead of a blank screen
    expect(refused).toBe(2);
    expect(loads).toHaveLength(2);
    await page.getByRole('menuitem', { name: /课程学习/ }).waitFor();
    await browser.screenshot(page, 'page-load-failed');

    // once the file is back, the retry shows the page
    await page.unroute(/\/assets\/RecordPage-[^/]+\.js$/);
    await page.getByRole('button', { name: /重\s?试/ }).click();
    await page.getByTestId('record-status').waitFor();
    browser.errors.length = 0; // the refused requests were logged by design
  });
});
