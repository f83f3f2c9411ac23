import pino from 'pino';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { freshDatabase, freshDataDir, TEST_DATABASE_URL } from './database.js';

export interface OpenedStore {
  store: Store;
  /** What a process (the report, a bot) needs to open the same store: DATABASE_URL or DATA_DIR. */
  env: Record<string, string>;
  /** Everything the store logged (pino JSON lines). */
  logs: string[];
  /** Closes the store and removes its folder or database. */
  done(): Promise<void>;
}

export interface StoreEngine {
  /** With the reason when it cannot run here: PostgreSQL without TEST_DATABASE_URL (skipped, and said so). */
  name: string;
  kind: 'pglite' | 'postgres';
  skip: boolean;
  open(): Promise<OpenedStore>;
}

const capture = () => {
  const logs: string[] = [];
  return { logs, logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(line) }) };
};

/**
 * The same behaviour on both engines: the embedded PGlite always, PostgreSQL when TEST_DATABASE_URL is set
 * (it is in CI and on the project's machines; without it those tests show as skipped, naming why). Each open
 * is a fresh folder or scratch database.
 */
export const storeEngines: StoreEngine[] = [
  {
    name: 'PGlite (embedded)',
    kind: 'pglite',
    skip: false,
    open: async () => {
      const data = freshDataDir();
      const { logs, logger } = capture();
      const store = await openStore({ dataDir: data.dir, logger });
      return { store, logs, env: { DATA_DIR: data.dir }, done: async () => void (await store.close(), data.remove()) };
    },
  },
  {
    name: TEST_DATABASE_URL ? 'PostgreSQL' : 'PostgreSQL (skipped: TEST_DATABASE_URL not set)',
    kind: 'postgres',
    skip: !TEST_DATABASE_URL,
    open: async () => {
      const database = await freshDatabase();
      const { logs, logger } = capture();
      const store = await openStore({ databaseUrl: database.url, dataDir: '', logger });
      return { store, logs, env: { DATABASE_URL: database.url }, done: async () => void (await store.close(), await database.drop()) };
    },
  },
];
