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
    await page.getByRole('menuitem', { name: '管理后台' }).waitFor();
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
});
