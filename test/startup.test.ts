import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBotProcess } from './helpers/bot-process.js';
import { freshDataDir } from './helpers/database.js';
import { runScript } from './helpers/run-script.js';

const scratch = freshDataDir();
afterAll(() => scratch.remove());
/** A file where a folder is wanted: no folder can be made inside it, whoever runs the tests. */
function fileIn(): string {
  const file = join(scratch.dir, 'a-file');
  writeFileSync(file, '');
  return file;
}

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

  it.each([
    ['an unwritable DATA_DIR', () => ({ DATA_DIR: join(fileIn(), 'data') }), /^DATA_DIR: ".*" is not a writable folder/],
    ['a DATABASE_URL that is not PostgreSQL', () => ({ DATABASE_URL: 'mysql://db/bot' }), /^DATABASE_URL: expected postgres:\/\//],
    ['a DATABASE_URL nothing answers on', () => ({ DATABASE_URL: 'postgres://postgres@127.0.0.1:9/none' }), /^DATABASE_URL: cannot open the database at 127\.0\.0\.1:9\/none/],
  ])('stops with one line naming the variable on %s', (_case, env, message) => {
    const run = runScript('src/server/main.ts', [], { env: { MicrosoftAppId: '', LOG_LEVEL: 'silent', ...env() } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('without credentials listens on loopback only and says that auth is off', async () => {
    const data = freshDataDir();
    try {
      const bot = await startBotProcess({ DATA_DIR: data.dir });
      expect(await bot.stop()).toBe(0);
      expect(bot.output()).toContain('"event":"auth-off"');
      expect(bot.output()).toMatch(/"event":"listening","host":"127\.0\.0\.1"/);
    } finally {
      data.remove();
    }
  });
});
