#!/usr/bin/env node
/**
 * Compiles apps/{api,worker,cli} and libs/* to dist/ with SWC (CommonJS,
 * decorator metadata on), rewriting the @qinglian/* path aliases to relative
 * requires. `--out <dir>` writes elsewhere (tests build their own copy). Type checking is separate: `npm run typecheck` (npm test runs it).
 */
import { transformFile } from '@swc/core';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : path.join(root, 'dist');
const sources = [
  ...['api', 'worker', 'cli'].map((a) => path.join('apps', a, 'src')),
  ...readdirSync(path.join(root, 'libs')).filter((l) => l !== 'testing').map((l) => path.join('libs', l, 'src')),
];
const paths = Object.fromEntries(
  readdirSync(path.join(root, 'libs')).map((lib) => [`@qinglian/${lib}`, [`./libs/${lib}/src`]]),
);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return /\.ts$/.test(name) && !/\.(spec|e2e-spec|d)\.ts$/.test(name) ? [full] : [];
  });
}

rmSync(out, { recursive: true, force: true });
const files = sources.flatMap((s) => walk(path.join(root, s)));
const started = Date.now();
await Promise.all(
  files.map(async (file) => {
    const result = await transformFile(file, {
      swcrc: false,
      sourceMaps: true,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
        keepClassNames: true,
        baseUrl: root,
        paths,
      },
      module: { type: 'commonjs', strictMode: true },
    });
    const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, `${result.code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    if (result.map) writeFileSync(`${target}.map`, result.map);
  }),
);
console.log(`[build] ${files.length} files compiled to ${path.relative(root, out) || out} in ${Date.now() - started} ms`);
