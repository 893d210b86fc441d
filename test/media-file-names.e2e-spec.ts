import { makeTestPdf, OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';

/** Uploaded files keep the Chinese names browsers send (raw UTF-8 in the multipart header). */
describe('media uploads: file names', () => {
  let api: TestApi;
  let org: OrgFixture;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qinglian-media-names-'));
    api = await startTestApi('media-names', { STORAGE_PATH: path.join(dir, 'storage') });
    org = await seedOrganisation(api.app);
  });
  afterAll(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a PDF named in Chinese keeps its name', async () => {
    const token = await api.login('13800000003', org.password);
    const pdf = makeTestPdf(dir);
    const upload = await request(api.app.getHttpServer()).post('/media/documents').set('authorization', `Bearer ${token}`).attach('file', pdf, { filename: '中国共产党纪律处分条例.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    expect(upload.body.originalName).toBe('中国共产党纪律处分条例.pdf');
    const read = await api.gql('query($id: ID!) { mediaAsset(id: $id) { originalName status } }', { id: upload.body.id }, token);
    expect(read.data).toEqual({ mediaAsset: { originalName: '中国共产党纪律处分条例.pdf', status: 'READY' } });
  });
});
