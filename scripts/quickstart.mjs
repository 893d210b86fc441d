#!/usr/bin/env node
/**
 * `npm run quickstart`: from a fresh clone to a running Qinglian with demo data.
 *
 *  1. installs dependencies (npm ci) when they are missing or stale;
 *  2. writes .env from .env.example with a random JWT_SECRET, if there is none;
 *  3. makes PostgreSQL and Redis reachable (the configured ones, or private
 *     instances under .data/), and creates the database;
 *  4. builds, migrates and seeds the demo organisation;
 *  5. (re)starts the API and the worker in the background, waits until both
 *     are ready, and prints the URL and the demo logins.
 *
 * Safe to run again: it stops the previous API and worker it started, and the
 * migrations and demo seed only add what is missing. `npm run stop` stops them.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopServices } from './stop.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const dataDir = path.join(root, '.data');
const logDir = path.join(dataDir, 'logs');
mkdirSync(logDir, { recursive: true });
const step = (msg) => console.log(`\n==> ${msg}`);

// 1. dependencies
const marker = path.join(root, 'node_modules', '.package-lock.json');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(path.join(root, 'package-lock.json')).mtimeMs) {
  step('Installing dependencies (npm ci)');
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (ci.status !== 0) process.exit(ci.status ?? 1);
}

// 2. configuration
const envFile = path.join(root, '.env');
if (!existsSync(envFile)) {
  step('Writing .env from .env.example (with a fresh JWT_SECRET)');
  copyFileSync(path.join(root, '.env.example'), envFile);
  setEnvValue('JWT_SECRET', randomBytes(32).toString('hex'));
}
const env = readEnv();

// 3. PostgreSQL and Redis
step('Making PostgreSQL and Redis reachable');
const { ensureInfra, ensureDatabase, ensureFfmpeg, ensureCjkFont, withDatabase } = await import('./infra.mjs');
const wantedDb = new URL(env.DATABASE_URL).pathname.slice(1) || 'qinglian';
const infra = await ensureInfra({ postgresUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL });
ensureFfmpeg({ required: false });
ensureCjkFont({ required: false });
const databaseUrl = withDatabase(infra.postgresUrl, wantedDb);
if (databaseUrl !== env.DATABASE_URL) setEnvValue('DATABASE_URL', databaseUrl);
if (infra.redisUrl !== env.REDIS_URL) setEnvValue('REDIS_URL', infra.redisUrl);
await ensureDatabase(infra.postgresUrl, wantedDb);
console.log(`PostgreSQL: ${new URL(databaseUrl).host}/${wantedDb}   Redis: ${new URL(infra.redisUrl).host}`);

// 4. build, migrate, seed
const childEnv = { ...process.env, ...readEnv() };
const run = (label, args) => {
  step(label);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: childEnv });
  if (r.status !== 0) {
    console.error(`quickstart: "${label}" failed`);
    process.exit(r.status ?? 1);
  }
};
run('Building', ['scripts/build.mjs']);
run('Building the web app', ['scripts/web-build.mjs']);
run('Applying database migrations', ['dist/apps/cli/src/main.js', 'migrate']);
run('Seeding the demo organisation', ['dist/apps/cli/src/main.js', 'seed']);

// 5. start API and worker
step('Starting the API and the worker');
await stopServices({ quiet: true });
const services = [
  { name: 'api', entry: 'dist/apps/api/src/main.js', port: Number(childEnv.API_PORT || 3000) },
  { name: 'worker', entry: 'dist/apps/worker/src/main.js', port: Number(childEnv.WORKER_HEALTH_PORT || 3001) },
];
for (const service of services) {
  if (await answers(`http://127.0.0.1:${service.port}/health/live`)) {
    console.error(`quickstart: port ${service.port} is taken by another program; set ${service.name === 'api' ? 'API_PORT' : 'WORKER_HEALTH_PORT'} in .env`);
    process.exit(1);
  }
  const log = openSync(path.join(logDir, `${service.name}.log`), 'a');
  const child = spawn(process.execPath, ['--enable-source-maps', service.entry], { env: childEnv, detached: true, stdio: ['ignore', log, log] });
  child.unref();
  closeSync(log);
  writeFileSync(path.join(dataDir, `${service.name}.pid`), String(child.pid));
}
for (const service of services) {
  const ok = await waitUntil(`http://127.0.0.1:${service.port}/health/ready`, 60);
  if (!ok) {
    console.error(`quickstart: the ${service.name} did not become ready; see .data/logs/${service.name}.log:`);
    console.error(readFileSync(path.join(logDir, `${service.name}.log`), 'utf8').split('\n').slice(-20).join('\n'));
    process.exit(1);
  }
}

const apiPort = services[0].port;
const logins = execFileSync(process.execPath, ['dist/apps/cli/src/main.js', 'demo-logins'], { env: childEnv }).toString();
console.log(`
Qinglian is running.

  Web app (open this):      http://localhost:${apiPort}/
  GraphQL API and sandbox:  http://localhost:${apiPort}/graphql
  Health:                   http://localhost:${apiPort}/health/ready   (worker: http://localhost:${services[1].port}/health/ready)
  Logs:                     .data/logs/api.log, .data/logs/worker.log
  Stop:                     npm run stop

Demo logins (login = phone number, then password):
${logins}
Try it:
  curl -s http://localhost:${apiPort}/graphql -H 'content-type: application/json' \\
    -d '{"query":"mutation { login(input: {login: \\"13900000001\\", password: \\"Qinglian2026\\"}) { accessToken user { name roles } } }"}'
`);

function readEnv() {
  const values = {};
  for (const line of readFileSync(envFile, 'utf8').split('\n')) {
    const m = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/);
    if (m) values[m[1]] = m[2];
  }
  // variables already set in the shell win, as they do for the services
  for (const key of Object.keys(values)) if (process.env[key]) values[key] = process.env[key];
  return values;
}

function setEnvValue(key, value) {
  const text = readFileSync(envFile, 'utf8');
  const line = `${key}=${value}`;
  const next = new RegExp(`^${key}=.*$`, 'm').test(text) ? text.replace(new RegExp(`^${key}=.*$`, 'm'), line) : `${text.trimEnd()}\n${line}\n`;
  writeFileSync(envFile, next);
}

async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return res.status < 500;
  } catch {
    return false;
  }
}

async function waitUntil(url, seconds) {
  for (let i = 0; i < seconds * 2; i++) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
