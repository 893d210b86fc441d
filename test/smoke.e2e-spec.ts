import { seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';

describe('API smoke', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('smoke');
  });
  afterAll(() => api?.close());

  it('logs in and answers me', async () => {
    const org = await seedOrganisation(api.app);
    const token = await api.login('13800000004', org.password);
    const res = await api.gql('{ me { name unit { name parent { name } } } }', {}, token);
    expect(res.errors).toBeUndefined();
    expect(res.data?.me).toEqual({ name: '李干部', unit: { name: '第一监督检查室', parent: { name: '市纪委监委' } } });
  });
});
