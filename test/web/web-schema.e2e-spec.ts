import { spawnSync } from 'node:child_process';
import { printApiSchema, repoRoot, startTestApi, TestApi, WEB_SCHEMA_FILE } from '@qinglian/testing';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The web app's typed operations are generated from a committed copy of the schema; these fail when either is stale. */
describe('web app schema and generated operations', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('web-schema');
  });
  afterAll(() => api?.close());

  it('apps/web/schema.graphql is the schema the API serves (run `npm run web:schema` after changing the API)', () => {
    expect(readFileSync(WEB_SCHEMA_FILE, 'utf8')).toBe(printApiSchema(api.app));
  });

  it('apps/web/src/gql is what code generation makes of the schema and the operations (run `npm run web:codegen`)', () => {
    const check = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', 'apps/web/codegen.ts', '--check'], { cwd: repoRoot, encoding: 'utf8' });
    expect({ status: check.status, stale: /stale files/.test(check.stdout + check.stderr) ? check.stdout + check.stderr : '' }).toEqual({ status: 0, stale: '' });
  });
});
