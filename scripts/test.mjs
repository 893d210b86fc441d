#!/usr/bin/env node
/**
 * `npm test`: makes PostgreSQL and Redis reachable (see infra.mjs), type-checks
 * the code, then runs every Jest suite (unit, integration, end-to-end) against
 * the real servers. Extra arguments go to Jest (e.g. `npm test -- test/auth`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensureCjkFont, ensureFfmpeg, ensureInfra } from './infra.mjs';
import { buildWebIfStale } from './web-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

// `npm ci` on a fresh clone needs every platform's optional packages in the lockfile.
const lockCheck = spawnSync(process.execPath, [path.join(root, 'scripts', 'complete-lockfile.mjs'), '--check'], { stdio: 'inherit' });
if (lockCheck.status !== 0) process.exit(lockCheck.status ?? 1);

if (!existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  console.log('[test] installing dependencies (npm ci)');
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (ci.status !== 0) process.exit(ci.status ?? 1);
}

// the film tests make real videos and the worker reads them with ffprobe
ensureFfmpeg({ required: true });
// completion certificates are PDFs with Chinese text
ensureCjkFont({ required: true });
// the web app's browser tests drive Debian's Chromium (never a downloaded browser)
ensureChromium({ required: true });

const infra = await ensureInfra({
  postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
});
console.log(`[test] PostgreSQL ${new URL(infra.postgresUrl).host}, Redis ${new URL(infra.redisUrl).host}`);

const args = process.argv.slice(2);
if (args.length === 0) {
  console.log('[test] type-checking (tsc --noEmit)');
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  console.log('[test] type-checking the web app (tsc -p apps/web)');
  const web = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'apps/web/tsconfig.json', '--noEmit'], { stdio: 'inherit' });
  if (web.status !== 0) process.exit(web.status ?? 1);
}
// the browser tests load the built web app from the API
if (!buildWebIfStale()) process.exit(1);

const results = path.join(root, '.data', 'jest-results.json');
rmSync(results, { force: true });
const env = { ...process.env, TEST_POSTGRES_URL: infra.postgresUrl, TEST_REDIS_URL: infra.redisUrl, NODE_ENV: 'test' };
const jestArgs = [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--json', `--outputFile=${results}`, ...args];
const jest = spawn(process.execPath, jestArgs, { stdio: 'inherit', env });

// A hung suite must not hold CI for its whole time budget.
const limitMinutes = Number(process.env.TEST_TIME_LIMIT_MINUTES ?? 45);
const watchdog = setTimeout(() => {
  console.error(`[test] Jest still running after ${limitMinutes} minutes: stopping it`);
  jest.kill('SIGKILL');
}, limitMinutes * 60_000);
watchdog.unref();

jest.on('exit', (code, signal) => {
  clearTimeout(watchdog);
  if (existsSync(results)) {
    const r = JSON.parse(readFileSync(results, 'utf8'));
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`);
  }
  process.exit(code ?? (signal ? 1 : 0));
});
