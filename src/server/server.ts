import {
  type Activity,
  CloudAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Config } from '../config.js';
import { ProceduresBot } from '../bot/procedures-bot.js';
import { replyTimeout } from '../bot/reply-timeout.js';
import { turnErrorHandler } from '../bot/turn-error.js';
import type { FeedbackStore } from '../bot/feedback-store.js';
import type { AnswerEngine } from '../engine/index.js';
import { incomingActivitySchema } from './activity-schema.js';
import { ReusedClientsAuthentication } from './reused-clients-auth.js';

export const MAX_BODY_BYTES = 256 * 1024;

export interface AppOptions {
  config: Config;
  engine: AnswerEngine;
  logger: Logger;
  feedback: FeedbackStore;
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
  500: 'internal error',
};

/** Reads JSON bodies up to MAX_BODY_BYTES: restify reads bodies of any size unless told. */
export function parseJsonBodies(server: Server): void {
  server.use(restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }));
  server.use(restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true }));
}

export function createApp({ config, engine, logger, feedback }: AppOptions): App {
  const authEnabled = Boolean(config.MicrosoftAppId);
  const auth = new ReusedClientsAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new BotAdapter(auth);
  adapter.use(replyTimeout(config.REPLY_TIMEOUT_MS));
  adapter.onTurnError = turnErrorHandler(logger);

  const bot = new ProceduresBot({
    engine,
    defaultCouncil: config.COUNCIL,
    tenantCouncils: config.TENANT_COUNCILS,
    feedback,
    logger,
  });

  const server = restify.createServer({ name: 'procedures-bot', handleUncaughtExceptions: false });
  parseJsonBodies(server);
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
    res.send(200, { status: 'ok', auth: authEnabled, defaultCouncil: config.COUNCIL, packs });
  });

  server.post('/api/messages', async (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return void res.send(400, { error: 'expected a JSON activity object' });
    }
    const checked = incomingActivitySchema.safeParse(body);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const field = issue.path.map(String).join('.') || 'activity';
      logger.warn({ event: 'bad-activity', field, reason: issue.code }, 'rejected an invalid activity');
      return void res.send(400, { error: 'invalid activity', field });
    }
    // processActivity rather than process(): process() writes the SDK's error message into 401 and
    // 500 bodies and prints auth failures with console.error.
    const authHeader = String(req.headers.authorization ?? '');
    try {
      const invoke = await adapter.handle(authHeader, checked.data as unknown as Activity, (context) => bot.run(context));
      if (invoke?.body === undefined) res.send(invoke?.status ?? 200);
      else res.send(invoke.status, invoke.body);
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode === 401 ? 401 : 500;
      if (status === 401) logger.warn({ event: 'unauthorized' }, 'rejected a request without a valid token');
      else logger.error({ event: 'process-failed', err: error }, 'request failed');
      if (!res.headersSent) res.send(status, { error: GENERIC[status] });
    }
  });

  return { server, adapter, bot, authEnabled };
}
