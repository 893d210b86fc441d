#!/usr/bin/env node
/**
 * Builds the web app (vite build -> apps/web/dist) when the build is missing
 * or older than its sources. Used by `npm test` and quickstart; run directly
 * (`node scripts/web-build.mjs --force`) to build regardless.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'apps', 'web');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

export function buildWebIfStale({ force = false } = {}) {
  const built = path.join(web, 'dist', 'index.html');
  const sources = Math.max(newest(path.join(web, 'src')), ...['index.html', 'vite.config.mts'].map((f) => statSync(path.join(web, f)).mtimeMs));
  if (!force && existsSync(built) && statSync(built).mtimeMs >= sources) return true;
  console.log('[web] building the web app (vite build)');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', web, '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
  return r.status === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(buildWebIfStale({ force: process.argv.includes('--force') }) ? 0 : 1);
}
