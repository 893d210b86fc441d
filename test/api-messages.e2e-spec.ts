import { OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';
import request from 'supertest';

const UNIT = 'query($id: ID!) { unit(id: $id) { name } }';
const CREATE_UNIT = 'mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }';
const CREATE_TOUR = 'mutation($input: CreateTourInput!) { createStudyTour(input: $input) { id } }';
const OPEN_TOUR = 'mutation($id: ID!) { openStudyTour(id: $id) { status } }';
const SIGN_UP = 'mutation($tourId: ID!) { signUpForTour(tourId: $tourId) { status } }';
const SIGN_UPS = 'query($tourId: ID!) { tourSignUps(tourId: $tourId) { totalCount } }';
const IMPORT = 'mutation($input: ImportCadresInput!) { importCadres(input: $input) { failed rows { line errors { field message } } } }';

const ZH = { 'accept-language': 'zh-CN' };
const MISSING = '00000000-0000-4000-8000-000000000001';
const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/**
 * The API says why it refuses in the caller's language: Chinese when the
 * request's Accept-Language prefers Chinese, English otherwise (and when it
 * sends none). Codes, reasons, field names and values stay as they are.
 */
describe("API messages in the caller's language", () => {
  let api: TestApi;
  let org: OrgFixture;
  let admin: string;
  let bureauAdmin: string;
  let cadre: string;
  let townshipCadre: string;

  beforeAll(async () => {
    api = await startTestApi('api-messages');
    org = await seedOrganisation(api.app);
    admin = await api.login('13800000001', org.password);
    bureauAdmin = await api.login('13800000002', org.password);
    cadre = await api.login('13800000004', org.password);
    townshipCadre = await api.login('13800000005', org.password);
  });
  afterAll(() => api?.close());

  /** The first error of an operation, asked without a language and with the given headers. */
  const both = async (query: string, variables: Record<string, unknown>, token: string, headers: Record<string, string> = ZH) => {
    const [en, zh] = [await api.gql(query, variables, token), await api.gql(query, variables, token, headers)];
    expect(en.data ?? null).toBeNull();
    expect(zh.data ?? null).toBeNull();
    return { en: en.errors![0], zh: zh.errors![0] };
  };

  it('NOT_FOUND: the entity in Chinese, its id kept, the extensions unchanged', async () => {
    const { en, zh } = await both(UNIT, { id: MISSING }, admin);
    expect(en.message).toBe(`Unit ${MISSING} was not found`);
    expect(zh.message).toBe(`未找到该单位（编号 ${MISSING}）`);
    expect(zh.extensions).toEqual(en.extensions);
    expect(zh.extensions).toEqual({ code: 'NOT_FOUND', entity: 'Unit', id: MISSING });
  });

  it('a refusal with values (a sign-up before the window opens; sign-ups only for organisers), reason and moment unchanged', async () => {
    const created = await api.gql(
      CREATE_TOUR,
      {
        input: {
          unitId: org.township.id,
          title: '廉政警示教育基地现场教学',
          kind: 'WARNING_EDUCATION_BASE',
          destination: '青莲市廉政警示教育基地',
          startsAt: '2099-05-10T01:00:00.000Z',
          endsAt: '2099-05-10T05:00:00.000Z',
          capacity: 5,
          signUpOpensAt: '2099-05-01T00:30:00.000Z',
          signUpClosesAt: '2099-05-08T10:00:00.000Z',
          cancelCutoffAt: '2099-05-07T10:00:00.000Z',
          classHours: 2,
        },
      },
      admin,
    );
    const tourId = created.data!.createStudyTour.id as string;
    expect((await api.gql(OPEN_TOUR, { id: tourId }, admin)).data).toEqual({ openStudyTour: { status: 'OPEN' } });

    const early = await both(SIGN_UP, { tourId }, townshipCadre);
    expect(early.en.message).toBe('Sign-up opens at 2099/05/01 08:30 (Asia/Shanghai)');
    expect(early.zh.message).toBe('报名将于 2099-05-01 08:30 开始');
    expect(early.zh.extensions).toEqual({ code: 'CONFLICT', reason: 'SIGNUP_NOT_YET_OPEN', at: '2099-05-01T00:30:00.000Z' });
    expect(early.zh.extensions).toEqual(early.en.extensions);

    // the bureau's administrator is no organiser of the township's tour
    const list = await both(SIGN_UPS, { tourId }, bureauAdmin);
    expect(list.en).toMatchObject({ message: 'Only organisers of this tour see its sign-ups', extensions: { code: 'FORBIDDEN' } });
    expect(list.zh).toMatchObject({ message: '只有本次考察学习的组织单位可以查看报名情况', extensions: { code: 'FORBIDDEN' } });
  });

  it('field validation: each field message translated, the field names kept', async () => {
    const empty = await both(CREATE_UNIT, { input: { name: '  ', parentId: org.bureau.id } }, admin);
    expect(empty.en).toMatchObject({ message: 'name: must not be empty', extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'name', message: 'must not be empty' }] } });
    expect(empty.zh).toMatchObject({ message: 'name：不能为空', extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'name', message: '不能为空' }] } });

    // refused by the input's class-validator rules before the service sees it
    const badId = await both(CREATE_UNIT, { input: { name: '案件审理室', parentId: 'not-a-uuid' } }, admin);
    expect(badId.en.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'parentId', message: 'must be a unit id' }] });
    expect(badId.zh.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'parentId', message: '须为有效的单位编号' }] });
    expect(badId.zh.message).toBe('parentId：须为有效的单位编号');
  });

  it('follows the preference of Accept-Language: English first or no Chinese at all keeps English', async () => {
    const say = async (value: string) => (await api.gql(UNIT, { id: MISSING }, admin, { 'accept-language': value })).errors![0].message;
    expect(await say('zh-CN,zh;q=0.9,en;q=0.8')).toMatch(/^未找到该单位/);
    expect(await say('zh')).toMatch(/^未找到该单位/);
    expect(await say('en-US,en;q=0.9,zh-CN;q=0.8')).toMatch(/^Unit .* was not found$/);
    expect(await say('fr-FR,de;q=0.8')).toMatch(/^Unit .* was not found$/);
    expect(await say('fr-FR,zh;q=0.5')).toMatch(/^未找到该单位/);
  });

  it('the rows of an import report give their reasons in the same language', async () => {
    const csv = '姓名,手机,单位\n,13911110003,清河镇\n冯刚,13911110005,不存在的单位\n';
    const run = (headers?: Record<string, string>) => api.gql(IMPORT, { input: { csv, initialPassword: 'Qinglian2026' } }, admin, headers);
    const [en, zh] = [(await run()).data!.importCadres, (await run(ZH)).data!.importCadres];
    expect(en.rows).toEqual([
      { line: 2, errors: [{ field: 'name', message: 'must not be empty' }] },
      { line: 3, errors: [{ field: 'unit', message: '"不存在的单位" is not a unit in your part of the organisation' }] },
    ]);
    expect(zh.rows).toEqual([
      { line: 2, errors: [{ field: 'name', message: '不能为空' }] },
      { line: 3, errors: [{ field: 'unit', message: '“不存在的单位”不是您管辖范围内的单位' }] },
    ]);
  });

  it('file routes answer { code, message } in the same language', async () => {
    const server = api.app.getHttpServer();
    const path = `/exports/study-tours/${MISSING}/attendees.csv`;
    const en = await request(server).get(path).set('authorization', `Bearer ${cadre}`);
    const zh = await request(server).get(path).set('authorization', `Bearer ${cadre}`).set(ZH);
    expect(en.status).toBe(403);
    expect(en.body).toEqual({ code: 'FORBIDDEN', message: 'This needs the role ADMIN (管理员) or TRAINER (培训教师)' });
    expect(zh.status).toBe(403);
    expect(zh.body).toEqual({ code: 'FORBIDDEN', message: '此操作需要管理员或培训教师角色' });

    const upload = await request(server).post('/media/videos').set('authorization', `Bearer ${admin}`).set(ZH).attach('file', Buffer.from('not a film'), 'film.mp4');
    expect(upload.status).toBe(400);
    expect(upload.body).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'file', message: expect.stringMatching(/^不是有效的 mp4 文件/) }] });
  });
});
