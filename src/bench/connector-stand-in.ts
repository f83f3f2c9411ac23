import { createServer, type Server } from 'node:http';

export interface Posted {
  method: string;
  path: string;
  activity: { type: string; text?: string; conversation?: { id: string }; attachments?: Array<{ content: unknown }>; replyToId?: string };
  /** The id given back, as the Bot Connector does: what a later feedback invoke's replyToId names. */
  id: string;
}

export interface ConnectorStandIn {
  /** The serviceUrl to put in activities (loopback, ends with a slash). */
  url: string;
  posted: Posted[];
  close(): Promise<void>;
}

/**
 * Stands in for the Bot Connector service in Teams' normal delivery: the bot POSTs each reply to the
 * activity's serviceUrl; this records it and answers with a message id, as the service would.
 */
export async function connectorStandIn(
  options: {
    failFor?: (path: string) => boolean;
    delayMs?: number;
    /** Answer `{}`, as Agents Playground does. */
    noIds?: boolean;
    /** Number messages within each conversation, as Teams does: two conversations then share ids. */
    idsPerConversation?: boolean;
  } = {},
): Promise<ConnectorStandIn> {
  const posted: Posted[] = [];
  const perConversation = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      if (options.failFor?.(path)) {
        // As the service answers for a conversation the bot is no longer in.
        res.statusCode = 403;
        res.setHeader('content-type', 'application/json');
        return void res.end(JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }));
      }
      const conversation = /^\/v3\/conversations\/([^/]+)/.exec(path)?.[1] ?? '';
      perConversation.set(conversation, (perConversation.get(conversation) ?? 0) + 1);
      const id = `message-${options.idsPerConversation ? perConversation.get(conversation) : posted.length + 1}`;
      posted.push({ method: req.method ?? '', path, activity: JSON.parse(body || '{}') as Posted['activity'], id });
      // A slow service keeps the bot's turn, and so its request, in flight: what a clean stop must wait for.
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(options.noIds ? {} : { id }));
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    posted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
