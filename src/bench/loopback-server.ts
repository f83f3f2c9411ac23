import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { configSchema } from '../config.js';
import type { AnswerEngine } from '../engine/index.js';
import { createApp } from '../server/server.js';
import type { BotStore } from '../store/store.js';

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The real server (createApp, as `npm start` builds it) in this process, on a free loopback port: what the
 * tests and the fuzzer send their requests to. Every log line (pino JSON) goes to `log`.
 */
export async function loopbackServer(options: { env: Record<string, string>; engine: AnswerEngine; store: BotStore; log: (line: string) => void }): Promise<LoopbackServer> {
  const logger = pino({ level: 'info' }, { write: options.log });
  const config = configSchema.parse({ PORT: '0', ...options.env });
  const app = createApp({ config, engine: options.engine, logger, store: options.store });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => app.server.close(() => resolve())),
  };
}
