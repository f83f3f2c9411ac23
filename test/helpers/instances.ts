import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { startBotProcess, type BotProcess } from './bot-process.js';
import { connectorStandIn, type ConnectorStandIn } from './connector.js';
import { freshDatabase } from './database.js';

export interface TwoInstances {
  database: Awaited<ReturnType<typeof freshDatabase>>;
  channel: ConnectorStandIn;
  a: BotProcess;
  b: BotProcess;
  /** A client on the same database, to see what the instances wrote. */
  db: pg.Client;
}

/** Two bot processes on one fresh PostgreSQL database and a Bot Connector stand-in, for a describe. */
export function twoInstances(env: (databaseUrl: string) => Record<string, string> = (url) => ({ DATABASE_URL: url })): TwoInstances {
  const running = {} as TwoInstances;
  beforeAll(async () => {
    running.database = await freshDatabase();
    running.channel = await connectorStandIn();
    [running.a, running.b] = await Promise.all([startBotProcess(env(running.database.url)), startBotProcess(env(running.database.url))]);
    running.db = new pg.Client({ connectionString: running.database.url });
    await running.db.connect();
  }, 60_000);
  afterAll(async () => {
    await Promise.all([running.a?.stop(), running.b?.stop()]);
    await running.db?.end();
    await running.channel?.close();
    await running.database?.drop();
  });
  return running;
}

/** Waits for the background writer: the next step depends on a row another instance wrote. */
export async function until(db: pg.Client, query: string, params: unknown[]): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await db.query(query, params)).rowCount) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never true: ${query}`);
}
