import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/**
 * Compiles the apps the way production does (scripts/build.mjs) into a private
 * folder under .data/, so a test can run the real entry points as processes.
 */
export function buildApps(): { dir: string; entry(app: 'api' | 'worker' | 'cli'): string; remove(): void } {
  mkdirSync(path.join(root, '.data'), { recursive: true });
  const dir = mkdtempSync(path.join(root, '.data', 'test-build-'));
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--out', dir], { stdio: 'pipe' });
  return {
    dir,
    entry: (app) => path.join(dir, 'apps', app, 'src', 'main.js'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Starts `node <entry>` with exactly `env` (plus PATH), in a working directory without a .env file. */
export function startProcess(entry: string, env: Record<string, string>): RunningProcess {
  const cwd = mkdtempSync(path.join(root, '.data', 'test-cwd-'));
  const child = spawn(process.execPath, [entry], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  return {
    child,
    output: () => output,
    exited,
    async waitForOutput(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output so far:\n${output}`);
        if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${pattern}; output:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
