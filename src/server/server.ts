import {
  type Activity,
  CloudAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { restify, type Request, type Response, type Server } from './restify.js';
import { helpdeskApprovers, helpdeskTargets, isLoopback, type Config } from '../config.js';
import type { ProactiveSender } from '../bot/helpdesk.js';
import { ProceduresBot } from '../bot/procedures-bot.js';
import { replyTimeout } from '../bot/reply-timeout.js';
import { turnErrorHandler } from '../bot/turn-error.js';
import type { AnswerEngine } from '../engine/index.js';
import type { BotStore } from '../store/store.js';
import { HANDLED_INVOKES, HANDLED_TYPES, incomingActivitySchema } from './activity-schema.js';
import { AuthError, TokenVerifier, type VerifiedToken } from './channel-auth.js';
import { BodyError, readJsonBody } from './request-body.js';
import { ReusedClientsAuthentication } from './reused-clients-auth.js';
import { applyServerLimits, securityHeaders } from './limits.js';

export const MAX_BODY_BYTES = 256 * 1024;

export interface AppOptions {
  config: Config;
  engine: AnswerEngine;
  logger: Logger;
  store: BotStore;
}

/** CloudAdapter with its activity entry point public, so the route writes its own status and body. */
class BotAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

export interface App {
  server: Server;
  adapter: CloudAdapter;
  bot: ProceduresBot;
  authEnabled: boolean;
}

// Error bodies say what kind of request was wrong, never what the parser or SDK said.
const GENERIC: Record<number, string> = {
  400: 'bad request',
  401: 'unauthorized',
  413: 'request body too large',
  415: 'unsupported media type or encoding',
  500: 'internal error',
  503: 'authentication service unavailable',
};

/** Reads JSON bodies with the server's own reader (see readJsonBody): for servers without the bot's route. */
export function parseJsonBodies(server: Server): void {
  server.use(async (req: Request, res: Response) => {
    if (req.method !== 'POST') return;
    try {
      req.body = await readJsonBody(req, MAX_BODY_BYTES);
    } catch (error) {
      const status = error instanceof BodyError ? error.status : 400;
      res.send(status, { error: GENERIC[status] });
      return false;
    }
  });
}

export function createApp({ config, engine, logger, store }: AppOptions): App {
  const authEnabled = Boolean(config.MicrosoftAppId);
  const auth = new ReusedClientsAuthentication(
    {
      MicrosoftAppId: config.MicrosoftAppId ?? '',
      MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    } as ConfigurationBotFrameworkAuthenticationOptions,
    authEnabled,
  );
  const verifier = authEnabled
    ? new TokenVerifier({
        appId: config.MicrosoftAppId!,
        ...(config.BOT_OPENID_METADATA_URL ? { openIdMetadataUrl: config.BOT_OPENID_METADATA_URL } : {}),
        timeoutMs: config.AUTH_TIMEOUT_MS,
      })
    : undefined;
  const adapter = new BotAdapter(auth);
  adapter.use(replyTimeout(config.REPLY_TIMEOUT_MS));
  adapter.onTurnError = turnErrorHandler(logger);

  // Proactive messages (the helpdesk channel, a helpdesk answer) go through the same adapter. Errors are caught
  // inside the turn: the adapter's turn-error handler would otherwise swallow them, and apologise to the channel.
  const sender: ProactiveSender = {
    async send(reference, activity) {
      let id: string | undefined;
      let failure: unknown;
      await adapter.continueConversationAsync(config.MicrosoftAppId ?? '', reference as ConversationReference, async (context) => {
        try {
          id = (await context.sendActivity(activity))?.id;
        } catch (error) {
          failure = error;
        }
      });
      if (failure) throw failure;
      return id;
    },
  };
  const bot = new ProceduresBot({
    engine,
    defaultCouncil: config.COUNCIL,
    tenantCouncils: config.TENANT_COUNCILS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    store,
    logger,
    helpdesk: {
      targets: helpdeskTargets(config, engine.councilIds()),
      approvers: helpdeskApprovers(config, engine.councilIds()),
      sender,
      answersRefreshMs: config.HELPDESK_ANSWERS_REFRESH_MS,
    },
  });

  const server = restify.createServer({ name: 'procedures-bot', handleUncaughtExceptions: false });
  applyServerLimits(server, config);
  server.pre(securityHeaders);
  server.on('restifyError', (_req: Request, _res: Response, err: { statusCode?: number; toJSON?: () => unknown }, done: () => void) => {
    const status = err.statusCode ?? 500;
    err.toJSON = () => ({ error: GENERIC[status] ?? 'error' });
    done();
  });

  server.get('/healthz', async (_req, res) => {
    const packs = engine.councilIds().map((id) => {
      const pack = engine.pack(id);
      return { council: id, name: pack.name, version: pack.document.version, updated: pack.document.updated, entries: pack.entries.length };
    });
    // 200 with the store down: the bot still answers; `store` and `writes` tell the operator what is not
    // being kept (queued now, refused by the database since start, dropped while it was away).
    res.send(200, { status: 'ok', auth: authEnabled, store: store.health(), writes: store.writeCounts(), defaultCouncil: config.COUNCIL, packs });
  });

  const refuse = (req: Request, res: Response, status: number) => {
    // Whatever is still arriving is read and dropped, so the answer reaches the caller.
    req.resume();
    if (!res.headersSent) res.send(status, { error: GENERIC[status] });
  };

  server.post('/api/messages', async (req, res) => {
    // 1. Authentication first: with credentials, nothing about the body is read, checked or answered
    // before the token is verified.
    let token: VerifiedToken | undefined;
    if (verifier) {
      try {
        token = await verifier.verify(req.headers.authorization);
      } catch (error) {
        const status = error instanceof AuthError ? error.status : 401;
        const reason = error instanceof AuthError ? error.reason : 'unverifiable token';
        logger.warn({ event: status === 503 ? 'auth-unavailable' : 'unauthorized', reason }, 'rejected a request without a verifiable token');
        return refuse(req, res, status);
      }
    }
    // 2. The body: size, encoding, JSON.
    let body: unknown;
    try {
      body = await readJsonBody(req, MAX_BODY_BYTES);
    } catch (error) {
      const status = error instanceof BodyError ? error.status : 400;
      logger.warn({ event: 'bad-body', reason: error instanceof BodyError ? error.code : 'unreadable' }, 'rejected a request body');
      return refuse(req, res, status);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return void res.send(400, { error: 'expected a JSON activity object' });
    }
    // 3. The activity's shape.
    const checked = incomingActivitySchema.safeParse(body);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const field = issue.path.map(String).join('.') || 'activity';
      logger.warn({ event: 'bad-activity', field, reason: issue.code }, 'rejected an invalid activity');
      return void res.send(400, { error: 'invalid activity', field });
    }
    const activity = checked.data as unknown as Activity;
    if (!HANDLED_TYPES.has(activity.type)) {
      logger.debug({ event: 'ignored-activity', type: activity.type }, 'an activity type the bot does not act on');
      return void res.send(200);
    }
    if (activity.type === 'invoke' && !HANDLED_INVOKES.has(activity.name ?? '')) {
      logger.debug({ event: 'ignored-invoke' }, 'an invoke the bot does not answer');
      return void res.send(501);
    }
    // 4. Where replies would go: an authenticated token names its service URL; without auth, replies stay on
    // this machine unless a tunnel is allowed (no reply is ever posted to whatever address a caller names).
    if (token) {
      const endorsed = token.endorsements.length === 0 || token.endorsements.includes(activity.channelId);
      if (token.claims.serviceurl !== activity.serviceUrl || !endorsed) {
        logger.warn({ event: 'unauthorized', reason: endorsed ? 'serviceUrl claim mismatch' : 'channel not endorsed' }, 'rejected a request');
        return void res.send(401, { error: GENERIC[401] });
      }
      auth.trust(activity, token);
    } else if (!config.ALLOW_REMOTE_SERVICE_URL && !isLoopback(new URL(activity.serviceUrl).hostname)) {
      logger.warn({ event: 'bad-activity', field: 'serviceUrl', reason: 'not loopback with auth off' }, 'rejected an invalid activity');
      return void res.send(400, { error: 'invalid activity', field: 'serviceUrl' });
    }
    // processActivity rather than process(): process() writes the SDK's error message into 401 and
    // 500 bodies and prints auth failures with console.error.
    try {
      const invoke = await adapter.handle(String(req.headers.authorization ?? ''), activity, (context) => bot.run(context));
      if (invoke?.body === undefined) res.send(invoke?.status ?? 200);
      else res.send(invoke.status, invoke.body);
    } catch (error) {
      const status = error instanceof AuthError || (error as { statusCode?: unknown }).statusCode === 401 ? 401 : 500;
      if (status === 401) logger.warn({ event: 'unauthorized', reason: 'rejected by the adapter' }, 'rejected a request');
      else logger.error({ event: 'process-failed', err: error }, 'request failed');
      if (!res.headersSent) res.send(status, { error: GENERIC[status] });
    }
  });

  return { server, adapter, bot, authEnabled };
}
