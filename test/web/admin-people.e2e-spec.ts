import { INestApplicationContext } from '@nestjs/common';
import { launchBrowser, OrgFixture, PHONE, seedOrganisation, startTestApi, startTestWorker, TestApi, TestBrowser, WEB_DIST } from '@qinglian/testing';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const DESKTOP = { width: 1280, height: 800 };

/**
 * The administrator's people pages at desktop width, against the real API:
 * a cadre CSV import with a bad row (report in the page, good rows checked
 * through the API), the users list and a user form refusing a bad and a taken
 * phone number beside the field, a unit created in the tree and a move the
 * API refuses, a tier rule saved and recomputed, and the audit log showing
 * the import.
 */
describe('web app: units, users, cadre import, tier rules and the audit log (admin, desktop)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let org: OrgFixture;
  let browser: TestBrowser;
  let page: Page;
  let admin: string;
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

  const ok = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> => api.ok<T>(query, variables, admin);
  /** The antd form item (label, control, errors) around a labelled control. */
  const formItem = (label: string) => page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
  /**
   * Chooses a unit in a unit picker from the keyboard, as an administrator
   * typing a name does: the search marks the first match, Enter takes it and
   * closes the list. (A mouse click on a tree row can land while the filtered
   * tree re-renders, and then selects nothing.)
   */
  const chooseUnit = async (label: string, search: string, name: string) => {
    const picker = page.getByLabel(label, { exact: true });
    await picker.click();
    await picker.fill(search);
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-treenode-active', { hasText: name }).waitFor();
    await picker.press('Enter');
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    // the picker shows the unit chosen
    await page.locator('.ant-select').filter({ has: picker }).filter({ hasText: name }).waitFor();
  };

  beforeAll(async () => {
    api = await startTestApi('web-admin-people', { WEB_DIST_PATH: WEB_DIST });
    worker = await startTestWorker(api.env);
    org = await seedOrganisation(api.app);
    admin = await api.login('13800000001', org.password);
    browser = await launchBrowser();
    page = await browser.newPage(DESKTOP);
    await page.goto(`${api.url}/admin/users/import`);
    await page.getByLabel('手机号或电子邮箱').fill('13800000001');
    await page.getByLabel('密码').fill(org.password);
    await page.getByRole('button', { name: '登 录' }).click();
    await page.waitForURL(`${api.url}/admin/users/import`);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
  });

  it('imports cadres from a CSV file with one bad row: the report names the line and the reason, and the good rows exist', async () => {
    await page.getByRole('heading', { name: '干部批量导入' }).waitFor();
    // the columns are explained, and the example file is UTF-8 with a BOM and the Chinese header
    await page.getByRole('cell', { name: /^领导干部/ }).first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-example').click()]);
    expect(download.suggestedFilename()).toBe('干部导入示例.csv');
    const example = readFileSync((await download.path())!, 'utf8');
    expect(example.startsWith('\uFEFF姓名,手机,邮箱,单位,层级,领导干部,职级,任职日期,配偶姓名,配偶手机,配偶邮箱\r\n')).toBe(true);
    expect(example).toContain('青莲市/清河镇');

    // a header the API would refuse is caught before sending
    await page.getByText('粘贴内容').click();
    await page.getByLabel('粘贴 CSV 内容').fill('姓名,手机,单位,籍贯\n陈立新,13700000011,清河镇,福建\n');
    await page.getByLabel('初始密码').fill('Welcome2025');
    await page.getByRole('button', { name: '开始导入' }).click();
    await formItem('粘贴 CSV 内容').getByText('表头有无法识别的列：籍贯').waitFor();

    // the real file, chosen through the file input: three good rows and a bad one (line 4)
    await page.getByText('选择文件').click();
    const csv = [
      '姓名,手机,邮箱,单位,层级,领导干部,职级,任职日期',
      '陈立新,13700000011,,第一监督检查室,在职,否,科员,2022-01-05',
      '林晓,+86 137-0000-0012,,清河镇,新任职,是,正科级,2025/3/1',
      '吴磊,13700000013,,不存在的单位,在职,否,,',
      '周敏,,zhoumin@example.gov.cn,市纪委监委/第一监督检查室,后备,否,,',
    ].join('\r\n');
    await page.locator('input[type=file]').setInputFiles({ name: '干部名单.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8') });
    await page.getByTestId('import-file').getByText('已选择 干部名单.csv').waitFor();
    await page.getByRole('button', { name: '开始导入' }).click();

    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    await report.getByText('有 1 行未导入').waitFor();
    // the bad rows are shown first: line 4, its unit column and the reason in words
    const rows = page.getByTestId('import-rows');
    await rows.getByText('第 4 行').waitFor();
    await rows.getByText('吴磊').waitFor();
    await rows.getByText('“不存在的单位”不是您管辖范围内的单位').waitFor();
    expect(await rows.getByText('陈立新').count()).toBe(0);
    await browser.screenshot(page, 'admin-cadre-import-report');
    // every row in file order
    await report.getByText('全部 4').click();
    await rows.getByText('第 2 行').waitFor();
    await rows.getByRole('link', { name: '周敏' }).waitFor();

    const { users } = await ok<{ users: { totalCount: number; nodes: Record<string, any>[] } }>(
      'query { users(first: 100) { totalCount nodes { name phone email tier isLeading rank appointmentDate mustChangePassword unit { name } } } }',
    );
    expect(users.totalCount).toBe(8);
    const byName = Object.fromEntries(users.nodes.map((u) => [u.name, u]));
    expect(byName['吴磊']).toBeUndefined();
    expect(byName['陈立新']).toMatchObject({ phone: '13700000011', tier: 'ON_JOB', isLeading: false, rank: 'STAFF', unit: { name: '第一监督检查室' }, mustChangePassword: true });
    expect(byName['林晓']).toMatchObject({ phone: '13700000012', tier: 'NEW_APPOINTEE', isLeading: true, rank: 'SECTION', appointmentDate: '2025-03-01', unit: { name: '清河镇' } });
    expect(byName['周敏']).toMatchObject({ phone: null, email: 'zhoumin@example.gov.cn', tier: 'RESERVE', unit: { name: '第一监督检查室' } });
    // the initial password works
    await expect(api.login('zhoumin@example.gov.cn', 'Welcome2025')).resolves.toEqual(expect.any(String));
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it('lists the users with filters, and a new user with a bad or a taken phone number is refused beside the field', async () => {
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.waitForURL(`${api.url}/admin/users`);
    await page.getByTestId('pager-total').getByText('共 8 人').waitFor();
    await page.getByLabel('按干部层级筛选').click();
    await page.getByTitle('新任职干部').click();
    await page.getByTestId('pager-total').getByText('共 1 人').waitFor();
    await page.getByTestId('users-table').getByRole('link', { name: '林晓', exact: true }).waitFor();
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByTestId('pager-total').getByText('共 8 人').waitFor();
    await browser.screenshot(page, 'admin-users');

    await page.getByRole('button', { name: '新建用户' }).click();
    await page.waitForURL(`${api.url}/admin/users/new`);
    await page.getByLabel('姓名', { exact: true }).fill('郑文');
    await chooseUnit('所在单位', '清河', '清河镇');
    // checked in the browser
    await page.getByLabel('手机号', { exact: true }).fill('1380013');
    await page.getByRole('button', { name: '创建用户' }).click();
    await formItem('手机号').getByText('请输入有效的中国大陆手机号（如 13800138000）').waitFor();
    // refused by the API: another user signs in with it
    await page.getByLabel('手机号', { exact: true }).fill('138 0000 0004');
    await page.getByRole('button', { name: '创建用户' }).click();
    await formItem('手机号').getByText('已有其他用户使用该手机号登录：13800000004').waitFor();
    await browser.screenshot(page, 'admin-user-phone-taken');
    expect((await ok<{ users: { totalCount: number } }>('query { users(search: "郑文") { totalCount } }')).users.totalCount).toBe(0);

    await page.getByLabel('手机号', { exact: true }).fill('13700000021');
    await page.getByRole('button', { name: '创建用户' }).click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /郑文/ }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const { user } = await ok<{ user: Record<string, any> }>('query($id: ID!) { user(id: $id) { name phone roles tier unit { name } } }', { id });
    expect(user).toEqual({ name: '郑文', phone: '13700000021', roles: ['CADRE'], tier: 'ON_JOB', unit: { name: '清河镇' } });
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it('creates a unit in the tree and shows why a unit cannot move below its own subunit', async () => {
    await page.getByRole('menuitem', { name: '组织机构' }).click();
    await page.getByTestId('unit-count').getByText('共 4 个单位').waitFor();
    await page.getByTestId('unit-tree').getByText('市纪委监委', { exact: true }).click();
    await page.getByRole('button', { name: '新建下级单位' }).click();
    await page.getByLabel('单位名称').fill('第二监督检查室');
    await page.getByRole('dialog').getByRole('button', { name: '新 建' }).click();
    await page.getByTestId('unit-count').getByText('共 5 个单位').waitFor();
    await page.getByTestId('unit-tree').getByText('第二监督检查室', { exact: true }).waitFor();
    await page.getByTestId('unit-detail').getByText('青莲市 / 市纪委监委 / 第二监督检查室').waitFor();
    const { units } = await ok<{ units: { nodes: { name: string }[] } }>('query($p: ID!) { units(parentId: $p) { nodes { name } } }', { p: org.bureau.id });
    expect(units.nodes.map((u) => u.name).sort()).toEqual(['第一监督检查室', '第二监督检查室'].sort());

    // a branch folds and unfolds as often as asked, also without animation (the reader asked for less motion)
    const tree = page.getByTestId('unit-tree');
    const bureauRow = tree.locator('.ant-tree-treenode').filter({ has: page.getByText('市纪委监委', { exact: true }) });
    for (let i = 0; i < 2; i++) {
      await bureauRow.locator('.ant-tree-switcher').click();
      await tree.getByText('第一监督检查室', { exact: true }).waitFor({ state: 'hidden' });
      await bureauRow.locator('.ant-tree-switcher').click();
      await tree.getByText('第一监督检查室', { exact: true }).waitFor();
    }

    await page.getByTestId('unit-tree').getByText('市纪委监委', { exact: true }).click();
    await page.getByRole('button', { name: '移动' }).click();
    await page.getByLabel('新的上级单位').click();
    // the picker lists the unit just created: the tree has been reloaded
    await page.locator('.ant-select-tree-title', { hasText: '第二监督检查室' }).waitFor();
    await chooseUnit('新的上级单位', '第一监督', '第一监督检查室');
    await page.getByRole('dialog').getByRole('button', { name: '移 动' }).click();
    await formItem('新的上级单位').getByText('不能移动到该单位本身或其下级单位之下').waitFor();
    await browser.screenshot(page, 'admin-units');
    await page.getByRole('dialog').getByRole('button', { name: '取 消' }).click();
    const { unit } = await ok<{ unit: { parentId: string } }>('query($id: ID!) { unit(id: $id) { parentId } }', { id: org.bureau.id });
    expect(unit.parentId).toBe(org.city.id);
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it('saves a tier rule after checking it, and follows the recompute to the end', async () => {
    await page.getByRole('menuitem', { name: '考核规则' }).click();
    await page.getByRole('tab', { name: '在职干部' }).waitFor();
    await page.getByLabel('年度总学时').fill('60');
    await page.getByLabel('其中必修课程学时不少于').fill('70');
    await page.getByRole('button', { name: '保存并重新计算' }).click();
    await formItem('其中必修课程学时不少于').getByText('必修课程学时不能超过年度总学时').waitFor();
    await page.getByLabel('其中必修课程学时不少于').fill('24');
    await page.getByRole('button', { name: '保存并重新计算' }).click();
    const run = page.getByTestId('rule-run');
    await run.getByText('已完成').waitFor({ timeout: 30_000 });
    // the on-job cadres: 李干部, 王培训, 陈立新, 郑文
    await run.getByText(/已计算 4 \/ 4 人/).waitFor();
    await browser.screenshot(page, 'admin-rules');
    const { completionRules } = await ok<{ completionRules: { tier: string; requiredHours: number; minRequiredCourseHours: number }[] }>(
      'query($y: Int!) { completionRules(year: $y) { tier requiredHours minRequiredCourseHours } }',
      { y: year },
    );
    expect(completionRules.find((r) => r.tier === 'ON_JOB')).toEqual({ tier: 'ON_JOB', requiredHours: 60, minRequiredCourseHours: 24 });
    expect(completionRules.find((r) => r.tier === 'RESERVE')).toMatchObject({ requiredHours: 30 });
    const record = await ok<{ completionRecord: { requiredHours: number } }>('query($u: ID!, $y: Int!) { completionRecord(userId: $u, year: $y) { requiredHours } }', { u: org.cadre.id, y: year });
    expect(record.completionRecord.requiredHours).toBe(60);
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it('shows the import, the rule change and the new unit in the audit log', async () => {
    await page.getByRole('menuitem', { name: '操作日志' }).click();
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    await table.getByText('新增 3 人 · 更新 0 人 · 无变化 0 人 · 未导入 1 行').waitFor();
    await table.getByText('年度总学时：50 → 60；其中必修课程学时不少于：20 → 24').waitFor();
    await table.getByText('第二监督检查室').waitFor();
    // a change opens field by field, before and after
    await table.getByRole('row').filter({ hasText: '修改考核规则' }).getByRole('button').click();
    const detail = table.getByRole('row').filter({ hasText: '修改前' });
    await detail.getByRole('cell', { name: '年度总学时', exact: true }).waitFor();
    await detail.getByRole('cell', { name: '60', exact: true }).waitFor();
    await browser.screenshot(page, 'admin-audit');
    // one kind of record at a time
    await page.getByLabel('按对象类型筛选').click();
    await page.getByTitle('干部导入').click();
    await page.getByTestId('pager-total').getByText('共 1 条').waitFor();
    await table.getByRole('cell', { name: '批量导入干部' }).waitFor();
    await table.getByText('市管理员').waitFor();
    await browser.screenshot(page, 'admin-audit-import');
    const { auditLog } = await ok<{ auditLog: { totalCount: number; nodes: { after: Record<string, number> }[] } }>('query { auditLog(entityType: "CadreImport") { totalCount nodes { after } } }');
    expect(auditLog.totalCount).toBe(1);
    expect(auditLog.nodes[0].after).toEqual({ created: 3, updated: 0, unchanged: 0, failed: 1 });
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it('sets the commitment letter for the city, which the bureau then uses until it sets its own', async () => {
    await page.getByRole('menuitem', { name: '廉政承诺书' }).click();
    await page.getByRole('heading', { name: '廉政承诺书' }).waitFor();
    await page.getByText('该单位及其上级单位尚未设置承诺书').waitFor();
    // checked before sending
    await page.getByRole('button', { name: '为该单位设置承诺书' }).click();
    await formItem('正文').getByText('请填写承诺书正文').waitFor();
    const letter = '本人郑重承诺：坚定理想信念，严守政治纪律和政治规矩，严格执行中央八项规定精神，廉洁用权，秉公办事。';
    await page.getByLabel('正文', { exact: true }).fill(letter);
    await page.getByRole('button', { name: '为该单位设置承诺书' }).click();
    await page.getByTestId('letter-source').getByText('本单位设置').waitFor();
    await page.getByText(/^当前版本设置于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).waitFor();
    expect((await ok('query($u: ID) { commitmentLetter(unitId: $u) { body unitId } }', { u: org.office.id })).commitmentLetter).toEqual({ body: letter, unitId: org.city.id });

    // the bureau uses the city's letter, and can be given its own
    await chooseUnit('适用单位', '纪委', '市纪委监委');
    await page.getByTestId('letter-source').getByText('沿用 青莲市').waitFor();
    expect(await page.getByLabel('正文', { exact: true }).inputValue()).toBe(letter);
    await browser.screenshot(page, 'admin-commitment-letter');
    await page.getByLabel('正文', { exact: true }).fill('市纪委监委干部廉政承诺书。');
    await page.getByRole('button', { name: '为该单位设置承诺书' }).click();
    await page.getByTestId('letter-source').getByText('本单位设置').waitFor();
    expect((await ok('query($u: ID) { commitmentLetter(unitId: $u) { body unitId } }', { u: org.office.id })).commitmentLetter).toEqual({ body: '市纪委监委干部廉政承诺书。', unitId: org.bureau.id });
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it('works at phone width: the users list behind the menu drawer', async () => {
    const phone = await browser.newPage(PHONE);
    await phone.goto(`${api.url}/admin/users`);
    await phone.getByLabel('手机号或电子邮箱').fill('13800000001');
    await phone.getByLabel('密码').fill(org.password);
    await phone.getByRole('button', { name: '登 录' }).click();
    await phone.waitForURL(`${api.url}/admin/users`);
    await phone.getByTestId('pager-total').getByText('共 9 人').waitFor();
    await phone.getByRole('button', { name: '菜单' }).click();
    await phone.getByRole('menuitem', { name: '干部批量导入' }).click();
    await phone.getByRole('heading', { name: '干部批量导入' }).waitFor();
    await browser.screenshot(phone, 'admin-import-phone');
    expect(browser.errors).toEqual([]);
  }, 30_000);

  it('pages through a long list of users: previous and next keep their place, a larger page shows them all', async () => {
    // 14 more cadres of the township: 23 users, more than one page of 20
    for (let i = 1; i <= 14; i++) {
      await ok('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { name: `清河镇干部${String(i).padStart(2, '0')}`, phone: `1370000${String(1000 + i)}`, unitId: org.township.id, tier: 'ON_JOB' } });
    }
    const { users } = await ok<{ users: { totalCount: number } }>('query { users { totalCount } }');
    expect(users.totalCount).toBe(23);

    await page.goto(`${api.url}/admin/users`);
    const pager = page.getByTestId('pager');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await pager.getByText('共 23 人').waitFor();
    await pager.getByText('第 1 / 2 页').waitFor();
    await expect(rows.count()).resolves.toBe(20);
    const firstPage = await rows.allTextContents();
    await pager.getByRole('button', { name: '下一页' }).click();
    await pager.getByText('第 2 / 2 页').waitFor();
    await expect(rows.count()).resolves.toBe(3);
    const secondPage = await rows.allTextContents();
    expect(secondPage.filter((r) => firstPage.includes(r))).toEqual([]);
    await expect(pager.getByRole('button', { name: '下一页' }).isDisabled()).resolves.toBe(true);
    await pager.getByRole('button', { name: '上一页' }).click();
    await pager.getByText('第 1 / 2 页').waitFor();
    await expect(rows.allTextContents()).resolves.toEqual(firstPage);

    await pager.getByLabel('每页条数').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '每页 50 条' }).click();
    await pager.getByText('第 1 / 1 页').waitFor();
    await expect(rows.count()).resolves.toBe(23);
    await expect(pager.getByRole('button', { name: '上一页' }).isDisabled()).resolves.toBe(true);
    expect(browser.errors).toEqual([]);
  }, 60_000);
});
