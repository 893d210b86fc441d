import request from 'supertest';
import { startTestApi, TestApi } from '@qinglian/testing';

describe('health endpoints', () => {
  describe('with PostgreSQL and Redis up', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi('health');
    });
    afterAll(() => api?.close());

    it('live and ready answer 200 without signing in, ready naming each dependency', async () => {
      const server = api.app.getHttpServer();
      expect((await request(server).get('/health/live')).body).toEqual({ status: 'ok' });
      const ready = await request(server).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' }, lifecycle: { status: 'up' } });
    });
  });

  describe('with Redis unreachable', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi('health-down', { REDIS_URL: 'redis://127.0.0.1:9/0' });
    });
    afterAll(() => api?.close());

    it('stays live but reports not ready (503) and says Redis is down', async () => {
      const server = api.app.getHttpServer();
      expect((await request(server).get('/health/live')).status).toBe(200);
      const ready = await request(server).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error).toEqual({ redis: expect.objectContaining({ status: 'down' }) });
      expect(ready.body.info.postgres.status).toBe('up');
    });
  });
});
