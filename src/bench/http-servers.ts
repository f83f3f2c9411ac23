import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import { InMemoryFeedbackStore } from '../bot/feedback-store.js';
import { configSchema } from '../config.js';
import { AnswerEngine } from '../engine/index.js';
import { loadKnowledge } from '../knowledge/load.js';
import { createLogger } from '../server/logger.js';
import { createApp, parseJsonBodies } from '../server/server.js';

// One server per process for `npm run bench:http`: `bare` (the HTTP floor), `echo` (the SDK's floor),
// `bot` (this bot as `npm start` builds it). Prints "ready <port>" when listening.
const [kind = 'bot', portArg = '0'] = process.argv.slice(2);
const port = Number(portArg);

function bare(): restify.Server {
  const server = restify.createServer();
  parseJsonBodies(server);
  server.post('/api/messages', async (_req, res) => {
    res.send(200, { activities: [{ type: 'message', text: 'ok' }] });
  });
  return server;
}

function echo(): restify.Server {
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

function bot(): restify.Server {
  const config = configSchema.parse({ ...process.env, PORT: String(port) });
  const engine = new AnswerEngine(loadKnowledge(config.KNOWLEDGE_DIR));
  return createApp({ config, engine, logger: createLogger(config.LOG_LEVEL), feedback: new InMemoryFeedbackStore() }).server;
}

const server = kind === 'bare' ? bare() : kind === 'echo' ? echo() : bot();
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
