import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { drizzle } from 'drizzle-orm/pg-proxy';
import type { Database } from './store.js';

export interface ThreadStart {
  dataDir: string;
  migrationsFolder: string;
}
export type ThreadRequest =
  | { kind: 'query'; id: number; sql: string; params: unknown[]; rowMode: 'array' | 'object' }
  | { kind: 'close'; id: number };
export type ThreadReply = { id: number; rows: unknown[]; affectedRows: number } | { id: number; error: { message: string; code?: string | undefined } };

/** The embedded store's thread went away or never opened: writes wait and are retried (see WriteQueue). */
export class StoreThreadError extends Error {
  override readonly name = 'StoreThreadError';
  constructor(
    readonly code: 'store-open-failed' | 'store-thread-exited',
    message: string,
  ) {
    super(message);
  }
}

/**
 * PGlite runs its Postgres inside WebAssembly on the thread that calls it, and creating a fresh database
 * (initdb) holds that thread for several seconds. In a worker thread, the bot answers from its first second
 * while the database is made, and no query ever holds up an answer. Drizzle talks to it through its proxy
 * driver: each query is a message, answered with the rows.
 */
export class PgliteThread {
  readonly db: Database;
  /** Settles when the database is open and migrated (or could not be). */
  readonly opened: Promise<void>;
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: (reply: ThreadReply) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private begin!: () => void;
  private gone: StoreThreadError | undefined;
  private ready = false;

  constructor(private readonly start: ThreadStart) {
    const began = new Promise<void>((resolve) => (this.begin = resolve));
    this.opened = began.then(() => this.spawn());
    // Failures are told through the queries and the store's health; nothing is left unhandled.
    this.opened.catch(() => undefined);
    this.db = drizzle(async (sql, params, method) => {
      const reply = await this.call({ kind: 'query', sql, params, rowMode: method === 'all' ? 'array' : 'object' });
      // Deletes report how many rows went where the pg driver has rowCount (see Store.purge).
      return { rows: Object.assign(reply.rows, { affectedRows: reply.affectedRows }) };
    }) as unknown as Database;
  }

  /** Starts opening the database; the first query starts it too. */
  open(): Promise<void> {
    this.begin();
    return this.opened;
  }

  async close(): Promise<void> {
    if (!this.worker || this.gone) return;
    // Still opening: stopped where it is (a fresh database is made aside and moved in only when whole, and
    // an interrupted migration is rolled back), rather than make a stop wait seconds for initdb.
    if (this.ready) await this.call({ kind: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }

  private async call(request: { kind: 'query'; sql: string; params: unknown[]; rowMode: 'array' | 'object' } | { kind: 'close' }) {
    await this.open();
    if (this.gone) throw this.gone;
    const id = ++this.nextId;
    const reply = await new Promise<ThreadReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker!.postMessage({ ...request, id } as ThreadRequest);
    });
    if ('error' in reply) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply;
  }

  private spawn(): Promise<void> {
    const worker = workerFor(this.start);
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      const lost = (error: StoreThreadError) => {
        this.gone = error;
        for (const { reject: fail } of this.waiting.values()) fail(error);
        this.waiting.clear();
        reject(error);
      };
      worker.on('message', (message: ThreadReply | { ready: true } | { failed: { message: string } }) => {
        if ('ready' in message) {
          this.ready = true;
          return resolve();
        }
        if ('failed' in message) return lost(new StoreThreadError('store-open-failed', message.failed.message));
        const waiting = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        waiting?.resolve(message);
      });
      worker.on('error', (error) => lost(new StoreThreadError('store-thread-exited', error.message)));
      worker.on('exit', (code) => lost(new StoreThreadError('store-thread-exited', `the store's thread exited with ${code}`)));
    });
  }
}

/**
 * The worker from the compiled JavaScript, or, from the TypeScript sources (tsx, vitest), through tsx's
 * require hook: Node 20 runs no loader hooks in worker threads.
 */
function workerFor(workerData: ThreadStart): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const file = new URL(`./pglite-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSources) return new Worker(file, { workerData });
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const boot = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(fileURLToPath(file))});`;
  return new Worker(boot, { eval: true, workerData });
}
