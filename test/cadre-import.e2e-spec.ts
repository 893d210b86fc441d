import { OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';

const IMPORT = `mutation($input: ImportCadresInput!) {
  importCadres(input: $input) { totalRows created updated unchanged failed rows { line status name login userId errors { field message } } }
}`;

// a spreadsheet export: BOM, Chinese headers, CRLF line ends, a blank line, mixed good and bad rows
const FILE = [
  '\uFEFF姓名,手机,邮箱,单位,层级,领导干部,职级,任职日期,配偶姓名,配偶手机',
  '孙卫东,13911110001,,第一监督检查室,在职,否,正科级,2020-05-01,,',
  '钱晓燕,139 1111 0002,QIAN@example.gov.cn,市纪委监委/第一监督检查室,新任职,是,副处级,2026/9/1,周强,13911119002',
  ',13911110003,,清河镇,在职,否,,,,',
  '何平,12345,,清河镇,在职,否,,,,',
  '',
  '冯刚,13911110005,,不存在的单位,在职,否,,,,',
  '陈红,13911110006,,清河镇,退役,否,,2024-02-30,,',
  '孙卫东二,13911110001,,清河镇,在职,否,,,,',
  '蒋丽,13911110008,,清河镇,后备干部,否,科员,,,',
].join('\r\n');

describe('bulk import of cadres from CSV', () => {
  let api: TestApi;
  let org: OrgFixture;
  let admin: string;
  const run = (csv: string, token = admin, initialPassword = 'Welcome2026') => api.gql(IMPORT, { input: { csv, initialPassword } }, token);

  beforeAll(async () => {
    api = await startTestApi('import');
    org = await seedOrganisation(api.app);
    admin = await api.login('13800000001', org.password);
  });
  afterAll(() => api?.close());

  it('keeps the good rows and reports each bad row with its line and reason', async () => {
    const res = await run(FILE);
    expect(res.errors).toBeUndefined();
    const report = res.data!.importCadres;
    expect(report).toMatchObject({ totalRows: 8, created: 3, updated: 0, unchanged: 0, failed: 5 });
    const byLine = Object.fromEntries(report.rows.map((r: any) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ status: 'CREATED', name: '孙卫东', login: '13911110001' });
    expect(byLine[3]).toMatchObject({ status: 'CREATED', login: '13911110002' });
    expect(byLine[4]).toMatchObject({ status: 'FAILED', errors: [{ field: 'name', message: 'must not be empty' }] });
    expect(byLine[5].errors).toEqual([{ field: 'phone', message: expect.stringMatching(/mainland mobile number/) }]);
    expect(byLine[7].errors).toEqual([{ field: 'unit', message: '"不存在的单位" is not a unit in your part of the organisation' }]);
    expect(byLine[8].errors.map((e: any) => e.field).sort()).toEqual(['appointmentDate', 'tier']);
    expect(byLine[9].errors).toEqual([{ field: 'phone', message: 'repeats the cadre on line 2' }]);
    expect(byLine[10]).toMatchObject({ status: 'CREATED', name: '蒋丽' });

    const users = await api.gql('{ users(search: "1391111", first: 50) { totalCount nodes { name phone email tier isLeading rank appointmentDate spouse { name phone } unit { name } mustChangePassword } } }', {}, admin);
    expect(users.data!.users.totalCount).toBe(3);
    const qian = users.data!.users.nodes.find((u: any) => u.name === '钱晓燕');
    expect(qian).toEqual({
      name: '钱晓燕',
      phone: '13911110002',
      email: 'qian@example.gov.cn',
      tier: 'NEW_APPOINTEE',
      isLeading: true,
      rank: 'DEPUTY_DIVISION',
      appointmentDate: '2026-09-01',
      spouse: { name: '周强', phone: '13911119002' },
      unit: { name: '第一监督检查室' },
      mustChangePassword: true,
    });
  });

  it('lets an imported cadre sign in with the initial password', async () => {
    const token = await api.login('13911110008', 'Welcome2026');
    expect((await api.gql('{ me { name tier } }', {}, token)).data!.me).toEqual({ name: '蒋丽', tier: 'RESERVE' });
  });

  it('re-importing the same file creates no duplicates', async () => {
    const report = (await run(FILE)).data!.importCadres;
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 3, failed: 5 });
    const users = await api.gql('{ users(search: "1391111", first: 50) { totalCount } }', {}, admin);
    expect(users.data!.users.totalCount).toBe(3);
  });

  it('updates changed cadres in place and records before and after', async () => {
    const csv = '姓名,手机,单位,层级\n孙卫东,13911110001,清河镇,退休\n';
    const report = (await run(csv)).data!.importCadres;
    expect(report).toMatchObject({ created: 0, updated: 1, failed: 0 });
    const id = report.rows[0].userId;
    const log = await api.gql('query($id: ID!) { auditLog(entityType: "User", entityId: $id, first: 5) { nodes { action before after } } }', { id }, admin);
    expect(log.data!.auditLog.nodes[0]).toMatchObject({
      action: 'user.import-update',
      before: expect.objectContaining({ tier: 'ON_JOB', unitId: org.office.id }),
      after: expect.objectContaining({ tier: 'RETIRED', unitId: org.township.id }),
    });
  });

  it('refuses a file whose header is wrong as a whole, naming the column, and writes nothing', async () => {
    const res = await run('姓名,手机,单位,籍贯\n赵六,13911110009,清河镇,浙江\n');
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'csv' }] });
    expect(res.errors![0].message).toContain('"籍贯"');
    const users = await api.gql('{ users(search: "13911110009", first: 5) { totalCount } }', {}, admin);
    expect(users.data!.users.totalCount).toBe(0);
  });

  it('an administrator of a subtree cannot import into units outside it', async () => {
    const bureauAdmin = await api.login('13800000002', org.password);
    const report = (await run('姓名,手机,单位\n韩梅,13911110010,清河镇\n', bureauAdmin)).data!.importCadres;
    expect(report.rows[0]).toMatchObject({ status: 'FAILED', errors: [{ field: 'unit' }] });
  });

  it('only administrators may import, and a weak initial password is refused', async () => {
    const trainer = await api.login('13800000003', org.password);
    expect((await run('姓名,手机,单位\n韩梅,13911110010,清河镇\n', trainer)).errors![0].extensions!.code).toBe('FORBIDDEN');
    const weak = await run('姓名,手机,单位\n韩梅,13911110010,清河镇\n', admin, 'password');
    expect(weak.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'initialPassword' }] });
  });
});
