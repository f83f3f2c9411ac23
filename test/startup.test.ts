import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { runScript } from './helpers/run-script.js';

describe('starting the server', () => {
  it.each([
    ['a bad value, naming the variable', { PORT: 'eighty' }, 'invalid configuration: PORT:'],
    [
      'an unknown default council, listing the known ones',
      { COUNCIL: 'wokingham' },
      'invalid configuration: COUNCIL: unknown council "wokingham"; known: merton, reading',
    ],
    ['a malformed tenant map', { TENANT_COUNCILS: 'tenant-without-council' }, 'invalid configuration: TENANT_COUNCILS:'],
    [
      'production without credentials',
      { NODE_ENV: 'production' },
      'invalid configuration: MicrosoftAppId: required when NODE_ENV is production',
    ],
    [
      'production spelt in capitals without credentials',
      { NODE_ENV: 'Production' },
      'invalid configuration: MicrosoftAppId: required when NODE_ENV is production',
    ],
    [
      'a non-loopback address without credentials',
      { HOST: '0.0.0.0' },
      'invalid configuration: HOST: "0.0.0.0" is not a loopback address, and without MicrosoftAppId authentication is off',
    ],
  ])('refuses to start on %s', (_case, env, message) => {
    const run = runScript('src/server/main.ts', [], { env: { MicrosoftAppId: '', ...env } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    // One line: the reason, no stack.
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('without credentials listens on loopback only and says that auth is off', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, MicrosoftAppId: '', PORT: '0', HOST: '' },
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(output)), 20_000);
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('"event":"listening"')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    expect(output).toContain('"event":"auth-off"');
    expect(output).toMatch(/"event":"listening","host":"127\.0\.0\.1"/);
  });
});
