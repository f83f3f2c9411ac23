import { ConfigError, assertServable, loadConfig } from '../config.js';
import { AnswerEngine } from '../engine/index.js';
import { KnowledgeError } from '../knowledge/errors.js';
import { loadKnowledge } from '../knowledge/load.js';
import { describeError } from '../store/errors.js';
import { startStore, StoreError } from '../store/open.js';
import { keepRetention } from '../store/retention.js';
import type { Store } from '../store/store.js';
import { createLogger } from './logger.js';
import { createApp } from './server.js';

// `npm start`: validate configuration, knowledge and the store first, fail fast naming the variable or file.
async function start(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    assertServable(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let engine: AnswerEngine;
  try {
    engine = new AnswerEngine(loadKnowledge(config.KNOWLEDGE_DIR));
  } catch (error) {
    if (error instanceof KnowledgeError) {
      logger.fatal({ event: 'knowledge-invalid', code: error.code }, error.message);
      process.exit(2);
    }
    throw error;
  }
  const councils = engine.councilIds();
  const approverCouncils = config.HELPDESK_APPROVERS.flatMap((a) => a.council ?? []);
  const unknown = [config.COUNCIL, ...config.TENANT_COUNCILS.values(), ...config.HELPDESK_TEAMS.keys(), ...approverCouncils].find((c) => !councils.includes(c));
  if (unknown) {
    const variable =
      unknown === config.COUNCIL
        ? 'COUNCIL'
        : [...config.TENANT_COUNCILS.values()].includes(unknown)
          ? 'TENANT_COUNCILS'
          : config.HELPDESK_TEAMS.has(unknown)
            ? 'HELPDESK_TEAMS'
            : 'HELPDESK_APPROVERS';
    process.stderr.write(`invalid configuration: ${variable}: unknown council "${unknown}"; known: ${councils.join(', ')}\n`);
    process.exit(2);
  }

  // PostgreSQL is opened before the server listens (a bad DATABASE_URL stops start-up); the embedded store
  // only checks its folder here and opens in its own thread once the server is listening.
  let store: Store;
  try {
    store = await startStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, logger, journal: true });
  } catch (error) {
    if (error instanceof StoreError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Old rows are purged once the store is open, then daily.
  let stopRetention = () => {};
  let stopping = false;

  const app = createApp({ config, engine, logger, store });
  const host = config.HOST ?? (app.authEnabled ? '0.0.0.0' : '127.0.0.1');
  if (!app.authEnabled) logger.warn({ event: 'auth-off', host }, 'authentication is off (no MicrosoftAppId): listening on loopback for local use only');
  app.server.listen(config.PORT, host, () => {
    const address = app.server.address();
    logger.info({ event: 'listening', host, port: address.port, councils, defaultCouncil: config.COUNCIL, store: store.engine }, `bot listening on http://${host}:${address.port}/api/messages`);
    const opening = performance.now();
    store.open().then(
      () => {
        logger.info({ event: 'store-open', store: store.engine, ms: Math.round(performance.now() - opening) }, 'the store is open');
        if (!stopping) stopRetention = keepRetention(store, config.RETENTION_DAYS, logger);
      },
      (error: unknown) =>
        logger.error({ event: 'store-open-failed', store: store.engine, ...describeError(error) }, 'the store could not be opened: answers go on, writes wait in memory and are not kept'),
    );
  });

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'stopping', signal }, 'stopping: no new requests, finishing turns in flight');
    stopRetention();
    // Platforms kill a process that has not gone a few seconds after SIGTERM (Docker and App Service give
    // 10 s, Kubernetes 30 s): whatever is still running after 4.5 s is abandoned so that exit comes first.
    const deadline = setTimeout(() => {
      // What the database has not taken by now is kept on disk and written at the next start.
      logger.warn({ event: 'stopped', forced: true, journaled: store.keepUnwritten() }, 'stopped with work still in flight');
      process.exit(0);
    }, 4500);
    deadline.unref();
    // Requests in flight (each carries its whole turn) finish; idle keep-alive sockets close now.
    app.server.close(() => {
      void store
        .close()
        .catch((error: unknown) => logger.error({ event: 'store-close-failed', ...describeError(error) }, 'the store did not close cleanly'))
        .finally(() => {
          logger.info({ event: 'stopped' }, 'stopped');
          process.exit(0);
        });
    });
    app.server.server.closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // A bug must not take down the bot for everyone: log it and keep serving.
  process.on('unhandledRejection', (reason) => logger.error({ event: 'unhandled-rejection', err: reason }, 'unhandled rejection'));
}

void start();
