import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/config.js';

/** Runs one of the project's TypeScript entry points as `npm run` would, and waits for it to exit. */
export function runScript(script: string, args: string[] = [], options: { env?: Record<string, string>; input?: string } = {}) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    // A command that trains a stale classifier at start (an edited pack copy) or opens a fresh embedded store
    // takes about 20 s on a two-core machine under a parallel suite: the limit catches a hang, not that.
    timeout: 60_000,
    input: options.input,
    env: { ...process.env, ...options.env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
