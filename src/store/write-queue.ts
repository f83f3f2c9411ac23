import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { describeError, transient } from './errors.js';
import { answerMessages, feedback, questions, refusedWrites } from './schema.js';
import type { Database } from './store.js';

/** The tables whose rows are inserted many at a time. */
const TABLES = { questions, answer_messages: answerMessages, feedback, refused_writes: refusedWrites };
export type InsertTable = keyof typeof TABLES;
export type InsertRow<T extends InsertTable> = (typeof TABLES)[T]['$inferInsert'];

type Task =
  | { kind: 'insert'; table: InsertTable; row: Record<string, unknown> }
  | { kind: 'write'; table: string; run: (db: Database) => Promise<void> };

/** Writes kept while the database is away; past this the oldest are dropped (and counted). */
const MAX_PENDING = 10_000;
/** Writes arriving within this of the first go together: one INSERT for many rows under load (the embedded
 * store shares the bot's machine, so fewer statements leave more of it for answering). */
const COALESCE_MS = 20;
/** Rows written in one INSERT. */
const BATCH = 200;
/** After a failure, writing is tried again after this, doubling up to RETRY_MAX. */
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
/** Failures are reported at most this often, with how many there were. */
const REPORT_EVERY_MS = 60_000;

/** What has become of writes since the process started, for /healthz. */
export interface WriteCounts {
  /** Waiting to be written. */
  queued: number;
  /** Refused by the database on their own (logged with the reason, and kept as a count in refused_writes). */
  refused: number;
  /** Dropped unwritten because too many waited while the database was away. */
  dropped: number;
}

/**
 * Writes in the background, in order, so that no answer waits on the database. Rows for one table that queue
 * up together go in one INSERT; when the database refuses such a batch for what it holds, its rows are tried
 * again one at a time, so one bad row never costs another. When the database is down or slow, writes wait
 * in memory (bounded) and are tried again with growing pauses; the failure is logged once a minute with a
 * count, and health() says "down" until a write goes through again.
 */
export class WriteQueue {
  private pending: Task[] = [];
  private running: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private delay = RETRY_MIN_MS;
  private failures = 0;
  /** Dropped during the current outage (for its log line); `counts.dropped` is since start. */
  private droppedNow = 0;
  /** How many rows at the head of the queue go one at a time (after their batch was refused). */
  private singly = 0;
  private lastReport = 0;
  private closed = false;
  private readonly counts = { refused: 0, dropped: 0 };
  healthy = true;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  insert<T extends InsertTable>(table: T, row: InsertRow<T>): void {
    this.push({ kind: 'insert', table, row: row as Record<string, unknown> });
  }

  /** Any other write (an upsert); `table` names it in the log if it is refused. */
  write(table: string, run: (db: Database) => Promise<void>): void {
    this.push({ kind: 'write', table, run });
  }

  writeCounts(): WriteCounts {
    return { queued: this.pending.length, ...this.counts };
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
      this.singly = Math.max(0, this.singly - 1);
      this.droppedNow++;
      this.counts.dropped++;
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
      const most = this.singly > 0 ? 1 : BATCH;
      let taken = 1;
      try {
        if (first.kind === 'insert') {
          while (taken < most && taken < this.pending.length && sameTable(this.pending[taken]!, first)) taken++;
          const rows = this.pending.slice(0, taken).map((t) => (t as { row: Record<string, unknown> }).row);
          await this.db.insert(TABLES[first.table]).values(rows as never[]).onConflictDoNothing();
        } else {
          await first.run(this.db);
        }
        this.remove(taken);
        this.recovered();
      } catch (error) {
        if (transient(error)) {
          this.failed(error);
          return;
        }
        // Refused for what it holds: a batch is tried again row by row; a row alone is dropped, else it
        // would block the queue for ever.
        if (taken > 1) {
          this.singly = taken;
          continue;
        }
        this.remove(1);
        this.refused(first, error);
      }
    }
  }

  private remove(count: number): void {
    this.pending.splice(0, count);
    this.singly = Math.max(0, this.singly - count);
  }

  private refused(task: Task, error: unknown): void {
    this.counts.refused++;
    const { code, reason } = describeError(error);
    this.logger.error({ event: 'store-refused', table: task.table, code, reason }, 'the store refused a row on its own; it is dropped, the others are kept');
    // Counted in the database too, for the report; never the row itself.
    if (task.table !== 'refused_writes') this.insert('refused_writes', { id: randomUUID(), tableName: task.table, code });
  }

  private recovered(): void {
    if (this.healthy) return;
    this.healthy = true;
    this.delay = RETRY_MIN_MS;
    this.logger.info({ event: 'store-up', failures: this.failures, dropped: this.droppedNow }, 'the store is writing again');
    this.failures = 0;
    this.droppedNow = 0;
  }

  private failed(error: unknown): void {
    this.healthy = false;
    this.failures++;
    const now = Date.now();
    if (now - this.lastReport >= REPORT_EVERY_MS) {
      this.lastReport = now;
      const { code, reason } = describeError(error);
      this.logger.error(
        { event: 'store-down', failures: this.failures, pending: this.pending.length, dropped: this.droppedNow, code, reason },
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

const sameTable = (task: Task, first: Task) => task.kind === 'insert' && task.table === first.table;
