#!/usr/bin/env node
/** `npm run bench`: makes PostgreSQL and Redis reachable, then runs each benchmark in bench/ (TypeScript, through @swc-node/register). */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInfra } from './infra.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const infra = await ensureInfra({
  postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
});
const only = process.argv[2];
let status = 0;
for (const file of readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))) {
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', path.join('bench', file)], {
    stdio: 'inherit',
    env: { ...process.env, TEST_POSTGRES_URL: infra.postgresUrl, TEST_REDIS_URL: infra.redisUrl, TEST_LOG_LEVEL: 'silent', NODE_ENV: 'test' },
  });
  if (r.status !== 0) status = r.status ?? 1;
}
process.exit(status);
