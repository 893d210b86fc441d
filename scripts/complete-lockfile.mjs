#!/usr/bin/env node
// Keeps package-lock.json usable by `npm ci` on every platform.
//
// Some registries (mirrors and caching proxies) serve only the native binary
// packages of the platforms they were asked for. `npm install` then silently
// leaves the other platforms' optional packages (e.g. @swc/core-darwin-arm64)
// out of package-lock.json, and `npm ci` refuses the lockfile as "out of sync".
// This script adds the missing optional platform entries, with the os/cpu/libc
// npm needs to skip them on other machines. Run it after `npm install`:
//
//   npm install && node scripts/complete-lockfile.mjs
//
// It exits 0 without changes when the lockfile is already complete, so
// `node scripts/complete-lockfile.mjs --check` can guard CI.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockPath = join(root, 'package-lock.json');
const check = process.argv.includes('--check');

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPU = {
  arm64: 'arm64',
  aarch64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  arm: 'arm',
  ppc64: 'ppc64',
  s390x: 's390x',
  loong64: 'loong64',
  riscv64: 'riscv64',
  wasm32: 'wasm32',
  mips64el: 'mips64el',
};

/** Reads os, cpu and libc from a platform package name such as `core-linux-arm-gnueabihf`. */
export function platformOf(name) {
  const base = name.split('/').pop();
  const tokens = base.split('-');
  const os = tokens.find((t) => OS.includes(t));
  const cpuToken = tokens.find((t) => t in CPU);
  if (!os && cpuToken !== 'wasm32') return undefined;
  const entry = {};
  if (cpuToken) entry.cpu = [CPU[cpuToken]];
  if (os) entry.os = [os];
  if (os === 'linux') {
    if (tokens.some((t) => t.startsWith('musl'))) entry.libc = ['musl'];
    else if (tokens.some((t) => t.startsWith('gnu'))) entry.libc = ['glibc'];
  }
  return entry;
}

function exactVersion(spec) {
  return /^\d+\.\d+\.\d+(?:-[\w.]+)?$/.test(spec) ? spec : undefined;
}

const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
const added = [];
const unresolved = [];

for (const [path, meta] of Object.entries(packages)) {
  if (!meta.optionalDependencies) continue;
  for (const [dep, spec] of Object.entries(meta.optionalDependencies)) {
    // npm resolves a dependency next to its parent first, then at the top.
    const nested = `${path}/node_modules/${dep}`;
    const top = `node_modules/${dep}`;
    if (packages[nested] || packages[top]) continue;
    const platform = platformOf(dep);
    const version = exactVersion(spec);
    if (!platform || !version) {
      unresolved.push(`${dep}@${spec} (wanted by ${path || 'the project'})`);
      continue;
    }
    // Same key order as npm writes: version first, then alphabetical.
    const fields = { ...(meta.dev ? { dev: true } : {}), optional: true, ...platform };
    packages[top] = {
      version,
      ...Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b))),
    };
    added.push(`${dep}@${version}`);
  }
}

if (unresolved.length) {
  console.error(`complete-lockfile: cannot complete these optional dependencies:\n  ${unresolved.join('\n  ')}`);
  process.exit(1);
}
if (check) {
  if (added.length) {
    console.error(`complete-lockfile: package-lock.json lacks ${added.length} optional platform packages; run node scripts/complete-lockfile.mjs`);
    process.exit(1);
  }
  process.exit(0);
}
if (added.length) {
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(`complete-lockfile: ${added.length ? `added ${added.length} optional platform entries` : 'nothing to add'}`);
