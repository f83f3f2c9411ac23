import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Logger } from 'pino';
import { PROJECT_ROOT } from '../config.js';
import { describeError } from './errors.js';
import { FolderLockedError, lockFolder } from './folder-lock.js';
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
}

/** Opens the store, applies pending migrations, and says plainly what is wrong when it cannot. */
export async function openStore({ databaseUrl, dataDir, logger }: StoreOptions): Promise<Store> {
  return databaseUrl ? openPostgres(databaseUrl, logger) : openPglite(dataDir, logger);
}

async function openPglite(dataDir: string, logger: Logger): Promise<Store> {
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
  try {
    const client = await PGlite.create(join(dataDir, 'pglite'));
    const db = drizzlePglite(client) as unknown as Database;
    await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS });
    return new Store(db, 'pglite', logger, async () => {
      await client.close();
      release();
    });
  } catch (error) {
    release();
    throw new StoreError('DATA_DIR', `DATA_DIR: the embedded database in "${dataDir}" could not be opened (${firstLine(error)})`);
  }
}

async function openPostgres(databaseUrl: string, logger: Logger): Promise<Store> {
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
  return new Store(drizzlePostgres(pool) as unknown as Database, 'postgres', logger, () => pool.end());
}

const firstLine = (error: unknown) => describeError(error).reason;
