#!/usr/bin/env node
/** `npm run web:schema`: makes PostgreSQL and Redis reachable, then writes apps/web/schema.graphql from the real API (scripts/web-schema.ts). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInfra } from './infra.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const infra = await ensureInfra({
  postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
});
const r = spawnSync(process.execPath, ['-r', '@swc-node/register', path.join('scripts', 'web-schema.ts')], {
  stdio: 'inherit',
  env: { ...process.env, TEST_POSTGRES_URL: infra.postgresUrl, TEST_REDIS_URL: infra.redisUrl, TEST_LOG_LEVEL: 'silent', NODE_ENV: 'test' },
});
process.exit(r.status ?? 1);
