import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { messages } from '../messages.js';

/**
 * The one place a failed turn ends up: the user gets a short apology (never the error), the log gets
 * the details. The apology itself may fail too; that is logged, never thrown.
 */
export function turnErrorHandler(logger: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const code = (error as { code?: unknown }).code;
    logger.error(
      {
        event: 'turn-error',
        err: error,
        code: typeof code === 'string' ? code : undefined,
        activityType: context.activity?.type,
        conversationType: context.activity?.conversation?.conversationType,
        channelId: context.activity?.channelId,
      },
      'turn failed',
    );
    // When the channel is what failed (a reply timed out), an apology cannot arrive either.
    if (code === 'reply-timeout') return;
    try {
      await context.sendActivity(messages.turnError);
    } catch (sendError) {
      logger.warn({ event: 'apology-failed', err: sendError }, 'could not send the apology');
    }
  };
}
