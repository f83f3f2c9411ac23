import { TestAdapter, type Activity } from 'botbuilder';
import pino from 'pino';
import { ProceduresBot } from '../../src/bot/procedures-bot.js';
import { InMemoryFeedbackStore } from '../../src/bot/feedback-store.js';
import { turnErrorHandler } from '../../src/bot/turn-error.js';
import type { AnswerEngine } from '../../src/engine/index.js';
import { realEngine } from './knowledge.js';

export interface Harness {
  /** Runs one incoming activity and returns everything the bot sent during it. */
  turn(activity: Partial<Activity>): Promise<Array<Partial<Activity>>>;
  feedback: InMemoryFeedbackStore;
  logs: string[];
}

export function botHarness(
  options: { engine?: AnswerEngine; tenantCouncils?: Record<string, string>; rateLimitPerMinute?: number } = {},
): Harness {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const feedback = new InMemoryFeedbackStore();
  const bot = new ProceduresBot({
    engine: options.engine ?? realEngine(),
    defaultCouncil: 'reading',
    tenantCouncils: new Map(Object.entries(options.tenantCouncils ?? {})),
    ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    feedback,
    logger,
  });
  const adapter = new TestAdapter(async (context) => bot.run(context));
  adapter.onTurnError = turnErrorHandler(logger);
  return {
    feedback,
    logs,
    async turn(activity) {
      adapter.activeQueue.splice(0);
      await adapter.processActivity(activity);
      return adapter.activeQueue.splice(0);
    },
  };
}

export const personal = (text: string): Partial<Activity> => ({
  type: 'message',
  text,
  conversation: { id: 'personal-1', conversationType: 'personal', isGroup: false, name: '' },
});
