import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { ThreadReply, ThreadRequest, ThreadStart } from './pglite-thread.js';

// The embedded database in a thread of its own (see pglite-thread.ts). Loaded as CommonJS under tsx, so no
// top-level await and no import.meta: everything it needs comes in workerData.

const keepText = (value: string) => value;
/** Times stay text, as drizzle's own PGlite driver keeps them: drizzle makes the Dates itself. */
const parsers = {
  [types.TIMESTAMP]: keepText,
  [types.TIMESTAMPTZ]: keepText,
  [types.INTERVAL]: keepText,
  [types.DATE]: keepText,
};

const { dataDir, migrationsFolder } = workerData as ThreadStart;
const port = parentPort!;

const failure = (error: unknown) => {
  const e = error as { message?: unknown; code?: unknown };
  return { message: String(e?.message ?? error), code: typeof e?.code === 'string' ? e.code : undefined };
};

async function open(): Promise<PGlite> {
  // A database half made by a process stopped during initdb (seconds, at a first start) would never open:
  // it is made beside its folder and moved in whole.
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const making = `${dataDir}.new`;
    rmSync(making, { recursive: true, force: true });
    await (await PGlite.create(making)).close();
    rmSync(dataDir, { recursive: true, force: true });
    renameSync(making, dataDir);
  }
  const client = await PGlite.create(dataDir);
  await migrate(drizzle(client), { migrationsFolder });
  return client;
}

open().then(
  (client) => {
    port.on('message', (request: ThreadRequest) => {
      const answer = (reply: ThreadReply) => port.postMessage(reply);
      if (request.kind === 'close') {
        client.close().then(
          () => answer({ id: request.id, rows: [], affectedRows: 0 }),
          (error: unknown) => answer({ id: request.id, error: failure(error) }),
        );
        return;
      }
      client.query(request.sql, request.params, { rowMode: request.rowMode, parsers }).then(
        (result) => answer({ id: request.id, rows: result.rows as unknown[], affectedRows: result.affectedRows ?? 0 }),
        (error: unknown) => answer({ id: request.id, error: failure(error) }),
      );
    });
    port.postMessage({ ready: true });
  },
  (error: unknown) => port.postMessage({ failed: failure(error) }),
);
