import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scratchDatabase } from '../../src/bench/scratch-database.js';

/** PostgreSQL for tests: TEST_DATABASE_URL when set (CI and the project's machines run one on 5432). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** A database of its own for one test file, dropped afterwards: files run in parallel. */
export const freshDatabase = () => scratchDatabase(TEST_DATABASE_URL!, 'bot_test');

/** A folder for an embedded store, removed afterwards. */
export function freshDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bot-data-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
