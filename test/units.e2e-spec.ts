import { OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';

describe('units tree: create, rename, move, list subtree', () => {
  let api: TestApi;
  let org: OrgFixture;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi('units');
    org = await seedOrganisation(api.app);
    admin = await api.login('13800000001', org.password);
  });
  afterAll(() => api?.close());

  const MOVE = 'mutation($input: MoveUnitInput!) { moveUnit(input: $input) { id depth parent { name } } }';
  const RENAME = 'mutation($input: RenameUnitInput!) { renameUnit(input: $input) { name } }';
  const CREATE = 'mutation($input: CreateUnitInput!) { createUnit(input: $input) { id name depth } }';
  const SUBTREE = 'query($parentId: ID, $after: String) { units(parentId: $parentId, includeSubunits: true, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name depth } } }';

  it('creates a unit below another and refuses a duplicate name among siblings', async () => {
    const res = await api.gql(CREATE, { input: { name: ' 案件审理室 ', parentId: org.bureau.id } }, admin);
    expect(res.data!.createUnit).toMatchObject({ name: '案件审理室', depth: 2 });
    const dup = await api.gql(CREATE, { input: { name: '案件审理室', parentId: org.bureau.id } }, admin);
    expect(dup.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'name' } });
    // the same name elsewhere in the tree is fine
    expect((await api.gql(CREATE, { input: { name: '案件审理室', parentId: org.township.id } }, admin)).errors).toBeUndefined();
  });

  it('names the field for bad input', async () => {
    const empty = await api.gql(CREATE, { input: { name: '', parentId: org.bureau.id } }, admin);
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'name' }] });
    const badId = await api.gql(CREATE, { input: { name: 'x', parentId: 'not-a-uuid' } }, admin);
    expect(badId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'parentId', message: 'must be a unit id' }] });
    const missing = await api.gql(CREATE, { input: { name: 'x', parentId: '00000000-0000-4000-8000-000000000000' } }, admin);
    expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('renames a unit and records before and after in the audit log', async () => {
    expect((await api.gql(RENAME, { input: { id: org.township.id, name: '清河街道' } }, admin)).data!.renameUnit.name).toBe('清河街道');
    const log = await api.gql('query($id: ID!) { auditLog(entityType: "Unit", entityId: $id, first: 5) { nodes { action actorName before after } } }', { id: org.township.id }, admin);
    expect(log.data!.auditLog.nodes[0]).toMatchObject({
      action: 'unit.rename',
      actorName: '市管理员',
      before: expect.objectContaining({ name: '清河镇' }),
      after: expect.objectContaining({ name: '清河街道' }),
    });
  });

  it('moves a unit with its whole subtree, and the subtree follows in scope checks', async () => {
    // 市纪委监委/第一监督检查室 moves under 清河街道
    const moved = await api.gql(MOVE, { input: { id: org.office.id, newParentId: org.township.id } }, admin);
    expect(moved.data!.moveUnit).toMatchObject({ depth: 2, parent: { name: '清河街道' } });
    // the cadre of that office is now outside the bureau administrator's subtree
    const bureauAdmin = await api.login('13800000002', org.password);
    const res = await api.gql('query($id: ID!) { user(id: $id) { name } }', { id: org.cadre.id }, bureauAdmin);
    expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
    const sub = await api.gql('query($parentId: ID) { units(parentId: $parentId, includeSubunits: true, first: 50) { nodes { name } } }', { parentId: org.township.id }, admin);
    expect(sub.data!.units.nodes.map((n: { name: string }) => n.name)).toContain('第一监督检查室');
    // move it back
    expect((await api.gql(MOVE, { input: { id: org.office.id, newParentId: org.bureau.id } }, admin)).data!.moveUnit.parent.name).toBe('市纪委监委');
  });

  it('refuses to move a unit under itself or its own subunit, and leaves the tree unchanged', async () => {
    const res = await api.gql(MOVE, { input: { id: org.bureau.id, newParentId: org.office.id } }, admin);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'newParentId' }] });
    const self = await api.gql(MOVE, { input: { id: org.bureau.id, newParentId: org.bureau.id } }, admin);
    expect(self.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const bureau = await api.gql('query($id: ID!) { unit(id: $id) { depth parent { name } } }', { id: org.bureau.id }, admin);
    expect(bureau.data!.unit).toEqual({ depth: 1, parent: { name: '青莲市' } });
  });

  it('lists a subtree page by page with a total count', async () => {
    const seen: string[] = [];
    const ids: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 10; i++) {
      const res: any = await api.gql(SUBTREE, { parentId: org.city.id, after }, admin);
      total = res.data.units.totalCount;
      seen.push(...res.data.units.nodes.map((n: { name: string }) => n.name));
      ids.push(...res.data.units.nodes.map((n: { id: string }) => n.id));
      if (!res.data.units.pageInfo.hasNextPage) break;
      after = res.data.units.pageInfo.endCursor;
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(total);
    expect(total).toBe(5); // bureau, its office, the township, and 案件审理室 under each
    expect(seen).toEqual(expect.arrayContaining(['市纪委监委', '第一监督检查室', '清河街道', '案件审理室']));
    expect(seen).not.toContain('青莲市');
  });

  it('rejects a page size out of range and a forged cursor, naming the argument', async () => {
    const big = await api.gql('{ units(first: 1000) { totalCount } }', {}, admin);
    expect(big.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
    const forged = await api.gql('{ units(after: "bm90LWEtY3Vyc29y") { totalCount } }', {}, admin);
    expect(forged.errors![0]).toMatchObject({ message: 'after: is not a cursor returned by this list', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
