import { randomUUID } from 'node:crypto';
import { TestAdapter, type Activity } from 'botbuilder';
import pino from 'pino';
import { ProceduresBot } from '../../src/bot/procedures-bot.js';
import { turnErrorHandler } from '../../src/bot/turn-error.js';
import type { AnswerEngine } from '../../src/engine/index.js';
import type { Store } from '../../src/store/store.js';
import { realEngine } from './knowledge.js';
import { sharedStore } from './store.js';

export interface Harness {
  /** Runs one incoming activity and returns everything the bot sent during it. */
  turn(activity: Partial<Activity>): Promise<Array<Partial<Activity>>>;
  /** The store the bot writes to (shared by the file's harnesses; see conversationId). */
  store(): Promise<Store>;
  /** The id the store knows a conversation of this harness by. */
  conversationId(id: string): string;
  logs: string[];
}

/**
 * The bot on TestAdapter with the real packs and a real (embedded) store. Harnesses in one file share the
 * store, so each one's conversations get ids of their own: a council chosen in one test does not leak into
 * the next.
 */
export function botHarness(
  options: { engine?: AnswerEngine; tenantCouncils?: Record<string, string>; rateLimitPerMinute?: number } = {},
): Harness {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const own = randomUUID().slice(0, 8);
  const conversationId = (id: string) => `${own}:${id}`;
  const ready = sharedStore().then((store) => {
    const bot = new ProceduresBot({
      engine: options.engine ?? realEngine(),
      defaultCouncil: 'reading',
      tenantCouncils: new Map(Object.entries(options.tenantCouncils ?? {})),
      ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
      store,
      logger,
    });
    const adapter = new TestAdapter(async (context) => bot.run(context));
    adapter.onTurnError = turnErrorHandler(logger);
    return { adapter, store };
  });
  return {
    logs,
    conversationId,
    store: async () => (await ready).store,
    async turn(activity) {
      const { adapter } = await ready;
      const conversation = activity.conversation ?? personal('').conversation!;
      adapter.activeQueue.splice(0);
      await adapter.processActivity({ ...activity, conversation: { ...conversation, id: conversationId(conversation.id) } });
      return adapter.activeQueue.splice(0);
    },
  };
}

export const personal = (text: string): Partial<Activity> => ({
  type: 'message',
  text,
  conversation: { id: 'personal-1', conversationType: 'personal', isGroup: false, name: '' },
});
