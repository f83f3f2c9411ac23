import pino from 'pino';
import { afterAll } from 'vitest';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { freshDataDir } from './database.js';

let shared: Promise<Store> | undefined;

/**
 * One embedded store per test file (opening PGlite takes seconds), closed and removed after the file. The
 * real store: what the bot writes in a test can be read back from it.
 */
export function sharedStore(): Promise<Store> {
  if (!shared) {
    const data = freshDataDir();
    const opened = openStore({ dataDir: data.dir, logger: pino({ level: 'silent' }) });
    shared = opened;
    afterAll(async () => {
      await (await opened).close();
      data.remove();
    });
  }
  return shared;
}
