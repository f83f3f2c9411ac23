import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The lock file beside the embedded database's files. */
export const LOCK_FILE = 'bot.lock';

export class FolderLockedError extends Error {
  override readonly name = 'FolderLockedError';
  constructor(readonly pid: number) {
    super(`held by process ${pid}`);
  }
}

function holderOf(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per embedded database: PGlite does not lock its folder, and two processes writing one Postgres
 * cluster corrupt it. The lock file holds the owner's pid; one left by a process that has gone is taken over.
 * Returns the release function.
 */
export function lockFolder(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        if (holderOf(file) === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = holderOf(file);
      if (pid !== undefined && pid !== process.pid && alive(pid)) throw new FolderLockedError(pid);
      if (pid === process.pid) throw new FolderLockedError(pid);
      rmSync(file, { force: true });
    }
  }
  throw new FolderLockedError(holderOf(file) ?? 0);
}
