#!/usr/bin/env node
/** `npm run stop`: stops the API and worker that quickstart started (SIGTERM, so they drain). */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function stopServices({ quiet = false } = {}) {
  for (const name of ['api', 'worker']) {
    const file = path.join(root, '.data', `${name}.pid`);
    if (!existsSync(file)) continue;
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && alive(pid)) {
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 80 && alive(pid); i++) await new Promise((r) => setTimeout(r, 250));
      if (alive(pid)) process.kill(pid, 'SIGKILL');
      if (!quiet) console.log(`stopped the ${name} (pid ${pid})`);
    }
    rmSync(file, { force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await stopServices();
}
