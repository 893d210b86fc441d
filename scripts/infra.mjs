#!/usr/bin/env node
/**
 * Makes PostgreSQL and Redis reachable for quickstart and the tests.
 *
 * 1. If the configured servers answer, they are used as they are.
 * 2. Otherwise private instances are started from the system's binaries under
 *    .data/ (git-ignored): PostgreSQL on 127.0.0.1:55432 (trust auth, user
 *    postgres), Redis on 127.0.0.1:56379. Missing binaries are installed from
 *    Debian's packages when running as root with apt-get available.
 *
 * Run directly (`npm run infra`) it prints the URLs it settled on.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const dataDir = path.join(root, '.data');
const PRIVATE_PG_PORT = 55432;
const PRIVATE_REDIS_PORT = 56379;

const say = (msg) => process.stderr.write(`[infra] ${msg}\n`);

function canConnect(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitFor(check, what, seconds = 30) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not come up within ${seconds} s`);
}

async function postgresAnswers(url) {
  const u = new URL(url);
  if (!(await canConnect(u.hostname, u.port || 5432))) return false;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres'), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    say(`PostgreSQL at ${u.host} refused: ${error.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function redisAnswers(url) {
  const u = new URL(url);
  if (!(await canConnect(u.hostname, u.port || 6379))) return false;
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function aptInstall(packages, hint = ' or point DATABASE_URL/REDIS_URL at running servers') {
  if (!isRoot() || spawnSync('which', ['apt-get']).status !== 0) {
    throw new Error(`${packages.join(' ')} missing: install them (apt-get install -y ${packages.join(' ')})${hint}`);
  }
  say(`installing ${packages.join(' ')} from Debian's packages`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function postgresBin() {
  const base = '/usr/lib/postgresql';
  const find = () =>
    existsSync(base)
      ? readdirSync(base)
          .filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => path.join(base, v, 'bin'))[0]
      : undefined;
  let bin = find();
  if (!bin) {
    aptInstall(['postgresql']);
    bin = find();
  }
  if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql after installing');
  return bin;
}

/** Runs a PostgreSQL binary as the postgres user when we are root (PostgreSQL refuses to run as root). */
function runPg(bin, args, opts = {}) {
  const cmd = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(cmd[0], cmd[1], { stdio: 'pipe', ...opts });
}

async function startPrivatePostgres() {
  const bin = postgresBin();
  const dir = path.join(dataDir, 'postgres');
  const socketDir = path.join(dataDir, 'run');
  mkdirSync(socketDir, { recursive: true });
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    mkdirSync(dir, { recursive: true });
    chownSync(dir, uid, gid);
    chownSync(socketDir, uid, gid);
  }
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    say(`creating a private PostgreSQL cluster in ${dir}`);
    runPg(path.join(bin, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  say(`starting private PostgreSQL on 127.0.0.1:${PRIVATE_PG_PORT}`);
  runPg(path.join(bin, 'pg_ctl'), [
    '-D', dir, '-l', path.join(dir, 'server.log'), '-w', '-t', '60',
    '-o', `-p ${PRIVATE_PG_PORT} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${socketDir} -c max_connections=300`,
    'start',
  ]);
  const url = `postgres://postgres@127.0.0.1:${PRIVATE_PG_PORT}/postgres`;
  await waitFor(() => postgresAnswers(url), 'private PostgreSQL');
  return url;
}

async function startPrivateRedis() {
  if (spawnSync('which', ['redis-server']).status !== 0) aptInstall(['redis-server']);
  const dir = path.join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  say(`starting private Redis on 127.0.0.1:${PRIVATE_REDIS_PORT}`);
  execFileSync('redis-server', [
    '--port', String(PRIVATE_REDIS_PORT), '--bind', '127.0.0.1', '--daemonize', 'yes',
    '--dir', dir, '--pidfile', path.join(dir, 'redis.pid'), '--logfile', path.join(dir, 'redis.log'),
    '--save', '', '--appendonly', 'no',
  ]);
  const url = `redis://127.0.0.1:${PRIVATE_REDIS_PORT}/0`;
  await waitFor(() => redisAnswers(url), 'private Redis');
  return url;
}

/**
 * Returns URLs of a PostgreSQL server (pointing at its `postgres` database)
 * and a Redis server that answer, starting private ones when needed.
 */
/**
 * ffmpeg/ffprobe read uploaded films (duration, poster frame) and make the test
 * films. Installed from Debian's packages when missing and possible; otherwise
 * the worker marks films FAILED and trainers enter durations by hand.
 */
export function ensureFfmpeg({ required }) {
  if (spawnSync('which', ['ffprobe']).status === 0 && spawnSync('which', ['ffmpeg']).status === 0) return true;
  try {
    aptInstall(['ffmpeg'], '');
    return true;
  } catch (error) {
    if (required) throw error;
    say(`ffmpeg is not installed and could not be installed (${error.message}); films will need their durations entered by hand`);
    return false;
  }
}

/** A Chinese font for PDF certificates (Debian package fonts-wqy-zenhei). */
export function ensureCjkFont({ required }) {
  if (existsSync('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc') || existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) return true;
  try {
    aptInstall(['fonts-wqy-zenhei'], '');
    return true;
  } catch (error) {
    if (required) throw error;
    say(`no Chinese font for certificates (${error.message}); certificate downloads will fail until fonts-wqy-zenhei is installed`);
    return false;
  }
}

/** Debian's Chromium for the browser tests (playwright-core drives it; no browser is downloaded). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export function ensureChromium({ required }) {
  if (existsSync(CHROMIUM_PATH)) return true;
  try {
    aptInstall(['chromium'], '');
    return true;
  } catch (error) {
    if (required) throw error;
    say(`no Chromium for the browser tests (${error.message})`);
    return false;
  }
}

export async function ensureInfra({ postgresUrl, redisUrl }) {
  let pg = withDatabase(postgresUrl, 'postgres');
  if (!(await postgresAnswers(pg))) {
    const privateUrl = `postgres://postgres@127.0.0.1:${PRIVATE_PG_PORT}/postgres`;
    pg = (await postgresAnswers(privateUrl)) ? privateUrl : await startPrivatePostgres();
  }
  let redis = redisUrl;
  if (!(await redisAnswers(redis))) {
    const privateUrl = `redis://127.0.0.1:${PRIVATE_REDIS_PORT}/0`;
    redis = (await redisAnswers(privateUrl)) ? privateUrl : await startPrivateRedis();
  }
  return { postgresUrl: pg, redisUrl: redis };
}

/** Creates the application database on the server if it does not exist. */
export async function ensureDatabase(serverUrl, name) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      say(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await ensureInfra({
    postgresUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
  });
  writeFileSync(1, `${JSON.stringify(result)}\n`);
}
