import { gunzipSync } from 'node:zlib';
import { connectorStandIn } from '../bench/connector-stand-in.js';
import { loopbackServer } from '../bench/loopback-server.js';
import { questionActivity } from '../bench/question-activity.js';
import type { AnswerEngine } from '../engine/index.js';
import type { Store } from '../store/store.js';
import { HANDLED_INVOKES } from '../server/activity-schema.js';
import { validActivity } from './activities.js';
import { mutate, type FuzzRequest } from './mutate.js';
import { Random } from './random.js';

export interface FuzzOptions {
  engine: AnswerEngine;
  /** The store the server writes to: every write must reach it. */
  store: Store;
  count: number;
  seed: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

export interface FuzzFailure {
  case: number;
  what: string;
  changes: string[];
  /** The start of the body sent. */
  body: string;
}

export interface FuzzReport {
  cases: number;
  seed: number;
  /** How many requests got each status. */
  statuses: Record<string, number>;
  /** Log lines of failed turns and failed requests (none expected), the first few, each with the cases that
   * were in flight when it was logged (with --concurrency 1, the one that failed). */
  failedTurns: Array<{ inFlight: number[]; line: string }>;
  refusedWrites: number;
  /** The question asked after the run got its right answer. */
  answeredAfter: boolean;
  failures: FuzzFailure[];
  ms: number;
}

/** Log events that mean a request or a turn failed, or a write was lost: none is expected, whatever is sent. */
const FAILED = /"event":"(turn-error|process-failed|store-refused|unhandled-rejection)"/;
/** Except a reply the channel did not take in time: a mutated serviceUrl can name a loopback address where
 * nothing answers (127.0.0.0); giving up on it, logged, is the bot's designed answer (see http.test.ts). */
const CHANNEL_AWAY = /"code":"reply-timeout"/;

/** The request for case `index`: the same for the same seed, so one failure can be sent again alone. */
export function fuzzCase(seed: number, index: number, place: { serviceUrl: string }): FuzzRequest {
  const r = new Random((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  // A few conversations, so that settings and answers are shared between cases as in real use.
  return mutate(r, validActivity(r, { ...place, conversation: `fuzz-${r.int(40)}` }));
}

/** Whether a status is an acceptable answer to what was sent: anything but 5xx, and 501 for an invoke the bot does not handle. */
function acceptable(status: number, request: FuzzRequest): boolean {
  if (status > 0 && status < 500) return true;
  if (status !== 501) return false;
  try {
    const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(request.body) : request.body;
    const sent = JSON.parse(body.toString()) as { type?: unknown; name?: unknown };
    return sent.type === 'invoke' && !HANDLED_INVOKES.has(sent.name as string);
  } catch {
    return false;
  }
}

/**
 * Sends `count` mutated activities and bodies to the real server (on its own loopback port, replies posted to
 * a Bot Connector stand-in), then asks a real question. Fails on a 5xx (a 501 for an unknown invoke aside), a
 * dropped connection, a failed turn or request in the log, a write the store refused, or a wrong last answer.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const channel = await connectorStandIn();
  const failedTurns: FuzzReport['failedTurns'] = [];
  const inFlight = new Set<number>();
  const server = await loopbackServer({
    // No rate limit, so that every case reaches the engine and the store; an unreachable channel is given
    // up on in a second.
    env: { RATE_LIMIT_PER_MINUTE: '10000', REPLY_TIMEOUT_MS: '1000', LOG_LEVEL: 'info' },
    engine: options.engine,
    store: options.store,
    log: (line) => {
      if (FAILED.test(line) && !CHANNEL_AWAY.test(line) && failedTurns.length < 20) failedTurns.push({ inFlight: [...inFlight], line: line.slice(0, 2000) });
    },
  });
  const refusedBefore = options.store.writeCounts().refused;
  const statuses: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < options.count; index = next++) {
      const request = fuzzCase(options.seed, index, { serviceUrl: channel.url });
      let status = 0;
      inFlight.add(index);
      try {
        const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: request.headers, body: new Uint8Array(request.body) });
        status = res.status;
        await res.arrayBuffer();
      } catch {
        status = 0;
      } finally {
        inFlight.delete(index);
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (!acceptable(status, request) && failures.length < 20) {
        failures.push({ case: index, what: status ? `status ${status}` : 'connection dropped', changes: request.changes, body: request.body.toString().slice(0, 600) });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
    const after = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(questionActivity('fuzz-after')) });
    const answeredAfter = after.status === 200 && (await after.text()).includes('Increasing a home care package');
    await options.store.flush();
    return {
      cases: options.count,
      seed: options.seed,
      statuses,
      failedTurns,
      refusedWrites: options.store.writeCounts().refused - refusedBefore,
      answeredAfter,
      failures,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await server.close();
    await channel.close();
  }
}

/** Whether the run found nothing wrong. */
export const clean = (report: FuzzReport) => report.failures.length === 0 && report.failedTurns.length === 0 && report.refusedWrites === 0 && report.answeredAfter;
