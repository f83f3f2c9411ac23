import { DeliveryModes, type Middleware, type TurnContext } from 'botbuilder';

export class ReplyTimeoutError extends Error {
  override readonly name = 'ReplyTimeoutError';
  readonly code = 'reply-timeout';
}

/**
 * Gives up on a reply that the channel has not accepted within `ms`. The connector retries an
 * unreachable serviceUrl for about ten seconds; holding Teams' request that long helps nobody.
 * The abandoned send settles on its own later; its outcome is ignored.
 */
export function replyTimeout(ms: number): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      // With expectReplies the replies are buffered for the HTTP response: no network, nothing to time out.
      if (context.activity.deliveryMode === DeliveryModes.ExpectReplies) return next();
      context.onSendActivities(async (_ctx, _activities, send) => {
        const sending = send();
        sending.catch(() => undefined);
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new ReplyTimeoutError(`reply not accepted within ${ms} ms`)), ms);
        });
        try {
          return await Promise.race([sending, timeout]);
        } finally {
          clearTimeout(timer);
        }
      });
      await next();
    },
  };
}
