import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { describeError } from './errors.js';

/** One queued write as data: what the journal keeps, and what the queue writes. */
export interface JournalEntry {
  table: string;
  row: Record<string, unknown>;
}

const NAME = /^unwritten-(\d+)\.jsonl$/;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Writes the database is not taking (it is still opening, or away), kept on disk as they are queued, so that
 * a stop, a forced exit or a hard kill loses none of them: each is appended to DATA_DIR/unwritten-<pid>.jsonl
 * (a line of JSON, synchronously: microseconds, and only while the database is not writing), the file is
 * removed once the queue has written everything, and a file left by a process that has gone is read back at
 * the next start. Writing a row twice is harmless: every row has a key it is inserted under once.
 */
export class Journal {
  private readonly file: string;
  private broken = false;
  private written = false;

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {
    this.file = join(dir, `unwritten-${process.pid}.jsonl`);
  }

  append(entries: JournalEntry[]): void {
    if (this.broken || entries.length === 0) return;
    try {
      // DATA_DIR may not exist yet on a PostgreSQL deployment: it is only needed now.
      if (!this.written) mkdirSync(this.dir, { recursive: true });
      appendFileSync(this.file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
      this.written = true;
    } catch (error) {
      // Not fatal: the writes stay queued in memory, as they would without a journal.
      this.broken = true;
      this.logger.warn({ event: 'journal-unwritable', ...describeError(error) }, 'queued writes cannot be kept on disk; they wait in memory only');
    }
  }

  /** Everything queued has been written: nothing to keep. */
  clear(): void {
    if (!this.written) return;
    rmSync(this.file, { force: true });
    this.written = false;
  }

  /**
   * Takes over the files of processes that have gone: their entries are appended to this process's file
   * (kept until written) and returned, to be queued again.
   */
  recover(): JournalEntry[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const entries: JournalEntry[] = [];
    for (const name of names) {
      const pid = Number(NAME.exec(name)?.[1]);
      if (!pid || pid === process.pid || alive(pid)) continue;
      const file = join(this.dir, name);
      // A line cut short by a kill is skipped; the rest are read.
      const found = readFileSync(file, 'utf8').split('\n').flatMap((line) => parse(line) ?? []);
      this.append(found);
      if (!this.broken) rmSync(file, { force: true });
      entries.push(...found);
    }
    return entries;
  }
}

/** Dates went into the file as ISO text: every `…At` field is a time. */
function parse(line: string): JournalEntry | undefined {
  if (!line.trim()) return undefined;
  try {
    const entry = JSON.parse(line, (key, value: unknown) => (key.endsWith('At') && typeof value === 'string' ? new Date(value) : value)) as JournalEntry;
    return typeof entry?.table === 'string' && entry.row && typeof entry.row === 'object' ? entry : undefined;
  } catch {
    return undefined;
  }
}
