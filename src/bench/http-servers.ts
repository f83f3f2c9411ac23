import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { restify, type Server } from '../server/restify.js';
import { configSchema } from '../config.js';
import { AnswerEngine } from '../engine/index.js';
import { loadKnowledge } from '../knowledge/load.js';
import { createLogger } from '../server/logger.js';
import { createApp, parseJsonBodies } from '../server/server.js';
import { openStore } from '../store/open.js';
import type { Escalations } from '../store/escalations.js';
import type { HelpdeskAnswers } from '../store/helpdesk-answers.js';
import type { BotStore } from '../store/store.js';

// One server per process for `npm run bench:http`: `bare` (the HTTP floor), `echo` (the SDK's floor),
// `bot` (this bot with its store discarding everything: the store-off baseline), `bot-pglite` and
// `bot-postgres` (this bot as `npm start` builds it, on DATA_DIR or DATABASE_URL). Prints "ready <port>".
const [kind = 'bot', portArg = '0'] = process.argv.slice(2);
const port = Number(portArg);

function bare(): Server {
  const server = restify.createServer();
  parseJsonBodies(server);
  server.post('/api/messages', async (_req, res) => {
    res.send(200, { activities: [{ type: 'message', text: 'ok' }] });
  });
  return server;
}

function echo(): Server {
  const server = restify.createServer();
  parseJsonBodies(server);
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text}`);
    await next();
  });
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return server;
}

/** Keeps nothing: what answering costs without a store, for the ratio only. */
const discard: BotStore = {
  recordQuestion: () => '',
  recordAnswerMessage: () => undefined,
  recordFeedback: () => undefined,
  answerFor: async () => undefined,
  latestAnswerIn: async () => undefined,
  lastAnswerSince: async () => undefined,
  questionText: async () => undefined,
  // Never reached: the bench configures no helpdesk.
  escalations: {} as Escalations,
  helpdeskAnswers: { approved: async () => [] } as unknown as HelpdeskAnswers,
  settings: async () => ({ welcomed: true }),
  setCouncil: () => undefined,
  markWelcomed: () => undefined,
  newestTour: async () => undefined,
  setNewestTour: () => undefined,
  health: () => 'up',
  writeCounts: () => ({ queued: 0, refused: 0, dropped: 0 }),
};

async function bot(): Promise<Server> {
  const config = configSchema.parse({ ...process.env, PORT: String(port) });
  const engine = new AnswerEngine(loadKnowledge(config.KNOWLEDGE_DIR));
  const logger = createLogger(config.LOG_LEVEL);
  const store = kind === 'bot' ? discard : await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, logger });
  return createApp({ config, engine, logger, store }).server;
}

const server = kind === 'bare' ? bare() : kind === 'echo' ? echo() : await bot();
// CPU spent serving (user + system), reported on "cpu?" so the bench can divide it by requests served.
let requests = 0;
let cpuAtStart = process.cpuUsage();
server.on('after', () => void requests++);
server.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${server.address().port}\n`));
process.stdin.on('data', (line: Buffer) => {
  const command = line.toString().trim();
  if (command === 'reset') {
    requests = 0;
    cpuAtStart = process.cpuUsage();
  } else if (command === 'cpu?') {
    const used = process.cpuUsage(cpuAtStart);
    process.stdout.write(`cpu ${used.user + used.system} ${requests}\n`);
  }
});
// Exit cleanly on a signal, so tools such as --cpu-prof can write their output.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
