import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, MicrosoftAppId: '', ...env },
  });
}

describe('starting the server', () => {
  it('stops on a bad value, naming the variable', () => {
    const run = start({ PORT: 'eighty' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('invalid configuration: PORT:');
  });

  it('stops on an unknown default council, listing the known ones', () => {
    const run = start({ COUNCIL: 'wokingham' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('invalid configuration: COUNCIL: unknown council "wokingham"; known: merton, reading');
  });

  it('stops on a malformed tenant map', () => {
    const run = start({ TENANT_COUNCILS: 'tenant-without-council' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('invalid configuration: TENANT_COUNCILS:');
  });

  it('refuses to run in production without credentials', () => {
    const run = start({ NODE_ENV: 'production' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('invalid configuration: MicrosoftAppId: required when NODE_ENV is production');
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
