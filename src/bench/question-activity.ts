/** The question the benchmarks ask: one the bot answers with its card. */
export const BENCH_QUESTION = 'how do I increase a home care package';

/**
 * That question as the channel would post it, its reply returned in the HTTP response (expectReplies): a
 * benchmark needs no Bot Connector, and the time measured is the bot's.
 */
export function questionActivity(conversation: string, text = BENCH_QUESTION) {
  return {
    type: 'message',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    conversation: { id: conversation, conversationType: 'personal' },
    from: { id: 'user' },
    recipient: { id: 'bot' },
    text,
  };
}
