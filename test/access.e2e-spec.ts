import { Test } from '@nestjs/testing';
import { Query, Resolver } from '@nestjs/graphql';
import { DiscoveryModule } from '@nestjs/core';
import { OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';
import { AccessRulesCheck } from '../apps/api/src/auth/access-rules.check';

describe('access control: roles and unit subtrees', () => {
  let api: TestApi;
  let org: OrgFixture;
  const tokens: Record<'rootAdmin' | 'bureauAdmin' | 'trainer' | 'cadre', string> = {} as never;

  beforeAll(async () => {
    api = await startTestApi('access');
    org = await seedOrganisation(api.app);
    tokens.rootAdmin = await api.login('13800000001', org.password);
    tokens.bureauAdmin = await api.login('13800000002', org.password);
    tokens.trainer = await api.login('13800000003', org.password);
    tokens.cadre = await api.login('13800000004', org.password);
  });
  afterAll(() => api?.close());

  const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;
  const USERS = '{ users(first: 50) { totalCount nodes { name } } }';
  const CREATE_UNIT = 'mutation($input: CreateUnitInput!) { createUnit(input: $input) { id name } }';
  const AUDIT = '{ auditLog(first: 5) { totalCount } }';

  it('anonymous callers get UNAUTHENTICATED for everything but sign-in', async () => {
    expect(code(await api.gql('{ me { id } }'))).toBe('UNAUTHENTICATED');
    expect(code(await api.gql(USERS))).toBe('UNAUTHENTICATED');
  });

  it('cadre: may read themselves, may not list users, create units or read the audit log', async () => {
    expect((await api.gql('{ me { name } }', {}, tokens.cadre)).data!.me.name).toBe('李干部');
    expect(code(await api.gql(USERS, {}, tokens.cadre))).toBe('FORBIDDEN');
    expect(code(await api.gql(CREATE_UNIT, { input: { name: 'x', parentId: org.city.id } }, tokens.cadre))).toBe('FORBIDDEN');
    expect(code(await api.gql(AUDIT, {}, tokens.cadre))).toBe('FORBIDDEN');
  });

  it('a cadre cannot read another cadre', async () => {
    const res = await api.gql('query($id: ID!) { user(id: $id) { name phone } }', { id: org.otherCadre.id }, tokens.cadre);
    expect(code(res)).toBe('FORBIDDEN');
    expect(JSON.stringify(res)).not.toContain('13800000005');
    const self = await api.gql('query($id: ID!) { user(id: $id) { name } }', { id: org.cadre.id }, tokens.cadre);
    expect(self.data!.user.name).toBe('李干部');
  });

  it('trainer: lists users of their own subtree only, may not create units', async () => {
    const res = await api.gql(USERS, {}, tokens.trainer);
    const names = res.data!.users.nodes.map((n: { name: string }) => n.name).sort();
    expect(names).toEqual(['李干部', '王培训', '纪委管理员'].sort());
    expect(res.data!.users.totalCount).toBe(3);
    expect(code(await api.gql(CREATE_UNIT, { input: { name: 'x', parentId: org.bureau.id } }, tokens.trainer))).toBe('FORBIDDEN');
  });

  it('bureau administrator: manages the bureau subtree, not the township next to it', async () => {
    const ok = await api.gql(CREATE_UNIT, { input: { name: '第二监督检查室', parentId: org.bureau.id } }, tokens.bureauAdmin);
    expect(ok.data!.createUnit.name).toBe('第二监督检查室');
    const outside = await api.gql(CREATE_UNIT, { input: { name: '村委', parentId: org.township.id } }, tokens.bureauAdmin);
    expect(code(outside)).toBe('FORBIDDEN');
    expect(code(await api.gql(CREATE_UNIT, { input: { name: '新市' } }, tokens.bureauAdmin))).toBe('FORBIDDEN');
    const other = await api.gql('query($id: ID!) { user(id: $id) { name } }', { id: org.otherCadre.id }, tokens.bureauAdmin);
    expect(code(other)).toBe('FORBIDDEN');
    const update = await api.gql('mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { name } }', { id: org.otherCadre.id, input: { name: '改名' } }, tokens.bureauAdmin);
    expect(code(update)).toBe('FORBIDDEN');
    const list = await api.gql(USERS, {}, tokens.bureauAdmin);
    expect(list.data!.users.nodes.map((n: { name: string }) => n.name)).not.toContain('张干部');
  });

  it('root administrator: sees and manages the whole tree, including new top-level units', async () => {
    const list = await api.gql(USERS, {}, tokens.rootAdmin);
    expect(list.data!.users.totalCount).toBe(5);
    const top = await api.gql(CREATE_UNIT, { input: { name: '青莲市（试点）' } }, tokens.rootAdmin);
    expect(top.errors).toBeUndefined();
    const units = await api.gql('{ units { totalCount nodes { name depth } } }', {}, tokens.rootAdmin);
    expect(units.data!.units.nodes.map((u: { name: string }) => u.name)).toEqual(expect.arrayContaining(['青莲市', '青莲市（试点）']));
    expect((await api.gql(AUDIT, {}, tokens.rootAdmin)).data!.auditLog.totalCount).toBeGreaterThan(0);
  });

  it('administrators cannot take away their own roles or deactivate themselves', async () => {
    const res = await api.gql('mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { roles } }', { id: org.rootAdmin.id, input: { roles: ['CADRE'] } }, tokens.rootAdmin);
    expect(code(res)).toBe('FORBIDDEN');
    expect(code(await api.gql('mutation($id: ID!) { setUserActive(id: $id, active: false) { active } }', { id: org.rootAdmin.id }, tokens.rootAdmin))).toBe('FORBIDDEN');
  });

  it('an operation that declares no access rule stops the application from starting', async () => {
    @Resolver()
    class CarelessResolver {
      @Query(() => String)
      secret() {
        return 'leaked';
      }
    }
    const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [CarelessResolver, AccessRulesCheck] }).compile();
    await expect(moduleRef.createNestApplication().init()).rejects.toThrow(/CarelessResolver\.secret/);
  });
});
