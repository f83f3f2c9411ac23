import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Logger } from 'pino';
import { PROJECT_ROOT } from '../config.js';
import { describeError } from './errors.js';
import { FolderLockedError, lockFolder } from './folder-lock.js';
import { Journal } from './journal.js';
import { PgliteThread } from './pglite-thread.js';
import { Store, type Database } from './store.js';

const MIGRATIONS = join(PROJECT_ROOT, 'drizzle');
/** Any fixed number: the advisory lock instances take while migrating. */
const MIGRATION_LOCK = 7_266_001;

/** A store that cannot be opened: the message names the variable to fix. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly variable: 'DATABASE_URL' | 'DATA_DIR',
    message: string,
  ) {
    super(message);
  }
}

export interface StoreOptions {
  /** postgres://… for PostgreSQL (several instances); unset for the embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  logger: Logger;
  /** Keep writes the database is not taking in DATA_DIR (see Journal): the bot does, the report does not. */
  journal?: boolean | undefined;
}

/**
 * The store, ready: pending migrations applied. Says plainly what is wrong when it cannot be opened (the
 * report and the tests use this; the bot starts with startStore so that it answers while PGlite opens).
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const store = await startStore(options);
  try {
    await store.open();
    // What a stopped bot left in its journal is written before anything is read.
    await store.flush();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw new StoreError('DATA_DIR', `DATA_DIR: the embedded database in "${options.dataDir}" could not be opened (${firstLine(error)})`);
  }
  return store;
}

/**
 * PostgreSQL is opened (and migrated) here: a bad DATABASE_URL stops start-up. The embedded store checks its
 * folder and takes its lock here, and is returned at once, "starting": its database opens in its own thread
 * when store.open() is called (or the first write needs it), and writes wait in the queue meanwhile.
 */
export async function startStore({ databaseUrl, dataDir, logger, journal }: StoreOptions): Promise<Store> {
  const kept = journal ? new Journal(dataDir, logger) : undefined;
  return databaseUrl ? openPostgres(databaseUrl, logger, kept) : startPglite(dataDir, logger, kept);
}

function startPglite(dataDir: string, logger: Logger, journal: Journal | undefined): Store {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    throw new StoreError('DATA_DIR', `DATA_DIR: "${dataDir}" is not a writable folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let release: () => void;
  try {
    release = lockFolder(dataDir);
  } catch (error) {
    if (error instanceof FolderLockedError) {
      throw new StoreError(
        'DATA_DIR',
        `DATA_DIR: "${dataDir}" is in use by process ${error.pid} (the embedded store serves one process; use DATABASE_URL for several)`,
      );
    }
    throw error;
  }
  const thread = new PgliteThread({ dataDir: join(dataDir, 'pglite'), migrationsFolder: MIGRATIONS });
  return new Store(
    thread.db,
    'pglite',
    logger,
    async () => {
      try {
        await thread.close();
      } finally {
        release();
      }
    },
    { opening: thread, journal },
  );
}

async function openPostgres(databaseUrl: string, logger: Logger, journal: Journal | undefined): Promise<Store> {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new StoreError('DATABASE_URL', 'DATABASE_URL: not a URL (expected postgres://user@host:port/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new StoreError('DATABASE_URL', `DATABASE_URL: expected postgres://, not ${url.protocol}//`);
  }
  // Bounded waits: a database that stops answering must not hold writes (or start-up) for ever.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    connectionTimeoutMillis: 3000,
    query_timeout: 5000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection emits on the pool; without a listener that would end the process.
  pool.on('error', (error) => logger.warn({ event: 'store-connection-lost', reason: firstLine(error) }, 'a database connection was lost'));
  try {
    // Instances starting together migrate one at a time: the others wait on the lock, then find nothing to do.
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreError('DATABASE_URL', `DATABASE_URL: cannot open the database at ${url.host}${url.pathname} (${firstLine(error)})`);
  }
  return new Store(drizzlePostgres(pool) as unknown as Database, 'postgres', logger, () => pool.end(), { journal });
}

const firstLine = (error: unknown) => describeError(error).reason;
