import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/config.js';

/** Runs one of the project's TypeScript entry points as `npm run` would, and waits for it to exit. */
export function runScript(script: string, args: string[] = [], options: { env?: Record<string, string>; input?: string } = {}) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 20_000,
    input: options.input,
    env: { ...process.env, ...options.env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
