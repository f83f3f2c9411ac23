import { loopbackServer } from '../../src/bench/loopback-server.js';
import type { BotStore } from '../../src/store/store.js';
import { realEngine } from './knowledge.js';
import { sharedStore } from './store.js';

export interface RunningServer {
  url: string;
  logs: string[];
  close(): Promise<void>;
}

/** The real server on a free loopback port, with the real packs and the file's embedded store (or `store`). */
export async function startServer(env: Record<string, string> = {}, store?: BotStore): Promise<RunningServer> {
  const logs: string[] = [];
  const server = await loopbackServer({ env, engine: realEngine(), store: store ?? (await sharedStore()), log: (line) => void logs.push(line) });
  return { ...server, logs };
}

/** A message activity as Teams would post it in a personal chat. */
export function messageActivity(text: string, overrides: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: 'activity-1',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    conversation: { id: 'conv-http', conversationType: 'personal' },
    from: { id: 'user-1', name: 'Practitioner' },
    recipient: { id: 'bot-1', name: 'Procedures' },
    text,
    ...overrides,
  };
}

export function post(url: string, body: string | object, headers: Record<string, string> = {}) {
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
