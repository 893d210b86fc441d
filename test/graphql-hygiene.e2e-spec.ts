import request from 'supertest';
import { OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';

describe('GraphQL hygiene: limits, CSRF, batching, errors', () => {
  let api: TestApi;
  let org: OrgFixture;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi('hygiene', { GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_ALIASES: '5' });
    org = await seedOrganisation(api.app);
    admin = await api.login('13800000001', org.password);
  });
  afterAll(() => api?.close());

  it('rejects a query deeper than the limit before running it', async () => {
    const deep = '{ me { unit { parent { parent { parent { parent { parent { name } } } } } } } }';
    const res = await api.gql(deep, {}, admin);
    expect(res.data).toBeUndefined();
    expect(res.errors![0].message).toMatch(/depth limit/i);
    expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await api.gql('{ me { unit { parent { name } } } }', {}, admin)).errors).toBeUndefined();
  });

  it('rejects too many aliases', async () => {
    const aliases = Array.from({ length: 8 }, (_, i) => `a${i}: me { id }`).join(' ');
    const res = await api.gql(`{ ${aliases} }`, {}, admin);
    expect(res.errors![0].message).toMatch(/aliases/i);
  });

  it('refuses batched HTTP requests', async () => {
    const res = await request(api.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .send([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body ?? res.text)).toMatch(/batch/i);
  });

  it('prevents CSRF: a simple cross-site request (form encoding or GET without a preflight header) is refused', async () => {
    const server = api.app.getHttpServer();
    const form = await request(server).post('/graphql').set('content-type', 'text/plain').send('{"query":"{ __typename }"}');
    expect(form.status).toBe(400);
    expect(form.text).toMatch(/CSRF/i);
    const get = await request(server).get('/graphql').query({ query: '{ __typename }' });
    expect(get.status).toBe(400);
    expect(get.text).toMatch(/CSRF/i);
    const preflighted = await request(server).get('/graphql').query({ query: '{ __typename }' }).set('apollo-require-preflight', 'true');
    expect(preflighted.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers an unexpected failure with a generic message and a correlation id, never internals or a stack trace', async () => {
    const requestId = 'support-case-4711';
    await api.app.get(require('typeorm').DataSource).query('ALTER TABLE units RENAME TO units_moved_away');
    try {
      const res = await api.gql('{ units { totalCount } }', {}, admin, { 'x-request-id': requestId });
      const error = res.errors![0];
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', correlationId: requestId });
      expect(error.message).toBe(`Internal server error; quote correlation id ${requestId} when reporting it`);
      const text = JSON.stringify(res);
      expect(text).not.toMatch(/units_moved_away|does not exist|QueryFailedError|stacktrace|\.ts:\d/);
    } finally {
      await api.app.get(require('typeorm').DataSource).query('ALTER TABLE units_moved_away RENAME TO units');
    }
  });

  it('domain errors carry their code and no stack trace', async () => {
    const res = await api.gql('query($id: ID!) { unit(id: $id) { name } }', { id: '00000000-0000-4000-8000-000000000001' }, admin);
    expect(res.errors![0]).toEqual({
      message: 'Unit 00000000-0000-4000-8000-000000000001 was not found',
      locations: [{ line: 1, column: 19 }],
      path: ['unit'],
      extensions: { code: 'NOT_FOUND', entity: 'Unit', id: '00000000-0000-4000-8000-000000000001' },
    });
  });

  it('bad variables are BAD_USER_INPUT naming the problem', async () => {
    const res = await api.gql('query($first: Int) { users(first: $first) { totalCount } }', { first: 'many' }, admin);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/\$first/);
  });

  it('offers introspection outside production', async () => {
    const res = await api.gql('{ __schema { queryType { name } } }');
    expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('echoes the request id so a client can quote it', async () => {
    const res = await request(api.app.getHttpServer()).get('/health/live').set('x-request-id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
    const generated = await request(api.app.getHttpServer()).get('/health/live').set('x-request-id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('GraphQL in production mode', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('prod', { NODE_ENV: 'production' });
  });
  afterAll(() => api?.close());

  it('turns introspection and the sandbox off', async () => {
    const res = await api.gql('{ __schema { queryType { name } } }');
    expect(res.errors![0].message).toMatch(/introspection/i);
    const page = await request(api.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
    expect(page.text).not.toMatch(/graphiql/i);
  });
});
