import pino from 'pino';
import { loadConfig } from '../config.js';
import { openStore, StoreError } from '../store/open.js';
import type { Store } from '../store/store.js';
import { UsageError } from './common.js';

/**
 * The bot's store for a command (DATABASE_URL, else the embedded one in DATA_DIR, which a running bot holds).
 * With the journal: what a stopped bot had not written yet (see Journal) is written first, and counted.
 */
export async function openCliStore(): Promise<Store> {
  const config = loadConfig();
  try {
    return await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, logger: pino({ level: 'silent' }), journal: true });
  } catch (error) {
    if (error instanceof StoreError) throw new UsageError(error.message);
    throw error;
  }
}
