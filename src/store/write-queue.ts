import type { Logger } from 'pino';
import { questions } from './schema.js';
import type { Database } from './store.js';

type QuestionRow = typeof questions.$inferInsert;
type Task = { kind: 'question'; row: QuestionRow } | { kind: 'write'; run: (db: Database) => Promise<void> };

/** Writes kept while the database is away; past this the oldest are dropped (and counted). */
const MAX_PENDING = 10_000;
/** Writes arriving within this of the first go together: one INSERT for many questions under load (the
 * embedded store shares the bot's thread, so fewer statements leave more of it for answering). */
const COALESCE_MS = 20;
/** Questions written in one INSERT. */
const BATCH = 200;
/** After a failure, writing is tried again after this, doubling up to RETRY_MAX. */
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
/** Failures are reported at most this often, with how many there were. */
const REPORT_EVERY_MS = 60_000;

/**
 * Writes in the background, in order, so that no answer waits on the database. Questions that queue up
 * together go in one INSERT. When the database is down or slow, writes wait in memory (bounded) and are tried
 * again with growing pauses; the failure is logged once a minute with a count, and health() says "down" until
 * a write goes through again.
 */
export class WriteQueue {
  private pending: Task[] = [];
  private running: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private delay = RETRY_MIN_MS;
  private failures = 0;
  private dropped = 0;
  private lastReport = 0;
  private closed = false;
  healthy = true;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  question(row: QuestionRow): void {
    this.push({ kind: 'question', row });
  }

  write(run: (db: Database) => Promise<void>): void {
    this.push({ kind: 'write', run });
  }

  /** Resolves when every task queued before the call has been tried (written, or kept after a failure). */
  async flush(): Promise<void> {
    while (this.pending.length > 0 && this.healthy) {
      this.start();
      await this.running;
    }
    await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.healthy) await this.flush();
    else await this.running;
    if (this.pending.length > 0) {
      this.logger.warn({ event: 'store-unwritten', count: this.pending.length }, 'closing with writes the database never took');
    }
  }

  private push(task: Task): void {
    if (this.closed) return;
    this.pending.push(task);
    if (this.pending.length > MAX_PENDING) {
      this.pending.shift();
      this.dropped++;
    }
    if (this.healthy) this.start();
  }

  private start(): void {
    this.running ??= new Promise<void>((resolve) => setTimeout(resolve, COALESCE_MS))
      .then(() => this.drain())
      .finally(() => {
        this.running = undefined;
      });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const first = this.pending[0]!;
      let taken = 1;
      try {
        if (first.kind === 'question') {
          while (taken < this.pending.length && taken < BATCH && this.pending[taken]!.kind === 'question') taken++;
          const rows = this.pending.slice(0, taken).map((t) => (t as { row: QuestionRow }).row);
          await this.db.insert(questions).values(rows).onConflictDoNothing();
        } else {
          await first.run(this.db);
        }
        this.pending.splice(0, taken);
        this.recovered();
      } catch (error) {
        if (!transient(error)) {
          // A row the database refuses for what it is (not for being away) would block the queue for ever.
          this.pending.splice(0, taken);
          this.logger.error({ event: 'store-refused', count: taken, reason: reasonOf(error) }, 'the store refused a write; it is dropped');
          continue;
        }
        this.failed(error);
        return;
      }
    }
  }

  private recovered(): void {
    if (this.healthy) return;
    this.healthy = true;
    this.delay = RETRY_MIN_MS;
    this.logger.info({ event: 'store-up', failures: this.failures, dropped: this.dropped }, 'the store is writing again');
    this.failures = 0;
    this.dropped = 0;
  }

  private failed(error: unknown): void {
    this.healthy = false;
    this.failures++;
    const now = Date.now();
    if (now - this.lastReport >= REPORT_EVERY_MS) {
      this.lastReport = now;
      const reason = reasonOf(error);
      this.logger.error(
        { event: 'store-down', failures: this.failures, pending: this.pending.length, dropped: this.dropped, reason },
        'the store cannot write; answers go on, writes are kept and retried',
      );
    }
    if (this.closed) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.start();
    }, this.delay);
    this.retry.unref();
    this.delay = Math.min(this.delay * 2, RETRY_MAX_MS);
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error));

/**
 * Whether a failed write may succeed later: the database away, busy or out of resources (SQLSTATE classes 08,
 * 40, 53, 57, 58), or a network error. Anything else (a constraint, a bad value) would fail again.
 */
function transient(error: unknown): boolean {
  const code = (error as { code?: unknown; cause?: { code?: unknown } }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
  if (typeof code !== 'string') return true;
  if (/^[0-9A-Z]{5}$/.test(code)) return ['08', '40', '53', '57', '58'].includes(code.slice(0, 2));
  return true;
}
