import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { describeError, transient } from './errors.js';
import type { Journal, JournalEntry } from './journal.js';
import { answerMessages, conversations, feedback, questions, refusedWrites } from './schema.js';
import type { Database } from './store.js';

/** The tables the queue writes. Rows of one table queued together go in one INSERT. */
const TABLES = { questions, answer_messages: answerMessages, feedback, refused_writes: refusedWrites, conversations };
export type WriteTable = keyof typeof TABLES;
export type WriteRow<T extends WriteTable> = (typeof TABLES)[T]['$inferInsert'];
/** Conversation settings are upserted one at a time: what the row holds is set, the rest kept. */
const UPSERTED: Partial<Record<WriteTable, { key: string; target: typeof conversations.conversation }>> = {
  conversations: { key: 'conversation', target: conversations.conversation },
};

type Task = JournalEntry & { table: WriteTable };

/** Writes kept in memory while the database is away; past this the oldest are dropped (and counted). */
const MAX_PENDING = 10_000;
/** Writes arriving within this of the first go together: one INSERT for many rows under load. */
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
  /** Dropped from memory because too many waited while the database was away (the journal keeps them for the
   * next start, when there is one). */
  dropped: number;
}

/**
 * Writes in the background, in order, so that no answer waits on the database. Rows for one table that queue
 * up together go in one INSERT; when the database refuses such a batch for what it holds, its rows are tried
 * again one at a time, so one bad row never costs another. While the database is opening or away, writes
 * wait in memory (bounded) and in the journal on disk, and are tried again with growing pauses; the failure
 * is logged once a minute with a count, and `healthy` is false until a write goes through again.
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
  /** Rows were dropped from memory while journaled: the journal is kept (and written at the next start). */
  private keepJournal = false;
  private readonly counts = { refused: 0, dropped: 0 };
  healthy = true;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly journal: Journal | undefined,
    /** False while the database opens: writes are journaled and wait for open(). */
    private opened: boolean,
  ) {}

  add<T extends WriteTable>(table: T, row: WriteRow<T>): void {
    this.push({ table, row: row as Record<string, unknown> });
  }

  /** The database is open: what waited is written. */
  open(): void {
    this.opened = true;
    this.start();
  }

  /** Entries read back from a journal (they are in this process's journal already). */
  requeue(entries: JournalEntry[]): void {
    for (const entry of entries) if (entry.table in TABLES) this.pending.push(entry as Task);
    if (this.writing) this.start();
  }

  /** The newest row queued for `table` that matches, not written yet. */
  latest<T extends WriteTable>(table: T, match: (row: WriteRow<T>) => boolean): WriteRow<T> | undefined {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const task = this.pending[i]!;
      if (task.table === table && match(task.row as WriteRow<T>)) return task.row as WriteRow<T>;
    }
    return undefined;
  }

  writeCounts(): WriteCounts {
    return { queued: this.pending.length, ...this.counts };
  }

  /** Resolves when every task queued before the call has been tried (written, or kept after a failure). */
  async flush(): Promise<void> {
    while (this.pending.length > 0 && this.writing) {
      this.start();
      await this.running;
    }
    await this.running;
  }

  /** Puts everything still queued in the journal: the process is about to exit without writing it. */
  keepUnwritten(): number {
    if (this.writing) this.journal?.append(this.pending);
    return this.pending.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.writing) await this.flush();
    else await this.running;
    const left = this.keepUnwritten();
    if (left > 0) {
      this.logger.warn({ event: 'store-unwritten', count: left, journal: Boolean(this.journal) }, 'closing with writes the database never took (kept in the journal for the next start)');
    }
  }

  /** Whether writes are going through: open, and the last attempt did not fail. Otherwise they are journaled. */
  private get writing(): boolean {
    return this.opened && this.healthy;
  }

  private push(task: Task): void {
    if (this.closed) return;
    this.pending.push(task);
    if (!this.writing) this.journal?.append([task]);
    if (this.pending.length > MAX_PENDING) {
      this.pending.shift();
      this.keepJournal ||= Boolean(this.journal);
      this.singly = Math.max(0, this.singly - 1);
      this.droppedNow++;
      this.counts.dropped++;
    }
    if (this.writing) this.start();
  }

  private start(): void {
    if (!this.opened) return;
    this.running ??= new Promise<void>((resolve) => setTimeout(resolve, COALESCE_MS))
      .then(() => this.drain())
      .finally(() => {
        this.running = undefined;
      });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const first = this.pending[0]!;
      const upsert = UPSERTED[first.table];
      const most = this.singly > 0 || upsert ? 1 : BATCH;
      let taken = 1;
      while (taken < most && taken < this.pending.length && this.pending[taken]!.table === first.table) taken++;
      try {
        const table = TABLES[first.table];
        if (upsert) {
          const { [upsert.key]: _key, ...set } = first.row;
          await this.db.insert(table).values(first.row as never).onConflictDoUpdate({ target: upsert.target, set });
        } else {
          await this.db.insert(table).values(this.pending.slice(0, taken).map((t) => t.row) as never[]).onConflictDoNothing();
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
    if (!this.keepJournal) this.journal?.clear();
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
    if (task.table !== 'refused_writes') this.add('refused_writes', { id: randomUUID(), refusedAt: new Date(), tableName: task.table, code });
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
    // Going down: what waits is kept on disk from now on.
    if (this.healthy) this.journal?.append(this.pending);
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
