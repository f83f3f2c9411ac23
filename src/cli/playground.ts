import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config.js';

// `npm run playground`: Microsoft 365 Agents Playground (offline) in front of the running bot.
// It serves a Teams-like client on port 56150, on loopback only; open it in your browser. It sends no auth
// header, so the bot must run without MicrosoftAppId. BOT_URL overrides the bot's address (tests).
const PLAYGROUND_PORT = process.env.PLAYGROUND_PORT ?? '56150';
const config = loadConfig();
const endpoint = `${process.env.BOT_URL ?? `http://127.0.0.1:${config.PORT}`}/api/messages`;
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');

const loopbackOnly = pathToFileURL(join(import.meta.dirname, 'loopback-listen.ts')).href;
const child = spawn(process.execPath, ['--import', 'tsx', '--import', loopbackOnly, cli, '--app-endpoint', endpoint, '--channel-id', 'msteams', '--port', PLAYGROUND_PORT, '--disable-telemetry'], {
  stdio: 'inherit',
  // The playground opens a browser itself unless told not to; its log goes to a temp file, not the repo.
  env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? join(process.env.TMPDIR ?? '/tmp', 'm365agentsplayground.log') },
});
process.stdout.write(`Agents Playground: open http://localhost:${PLAYGROUND_PORT} (bot endpoint ${endpoint})\n`);
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
