import { spawn, type ChildProcess } from 'node:child_process';
import { PROJECT_ROOT } from '../config.js';

export interface BotProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Everything the process has logged so far (pino JSON lines). */
  output(): string;
  /** SIGTERM, as a platform stops it; resolves with the exit code once it has finished writing. */
  stop(): Promise<number | null>;
  /** Resolves once /healthz says the store is up (the embedded one opens after the server listens). */
  storeUp(): Promise<void>;
}

const COMMANDS = {
  sources: [process.execPath, ['--import', 'tsx', 'src/server/main.ts']],
  // As `npm start` runs it: the compiled dist/ (build first), through npm and its shell.
  'npm-start': ['npm', ['start']],
  // As a container or App Service runs it: node itself, nothing between it and the signals.
  'node-dist': [process.execPath, ['dist/server/main.js']],
} as const;

/** The bot in its own process, on a free loopback port: from the TypeScript sources unless told otherwise. */
export async function startBotProcess(env: Record<string, string>, run: keyof typeof COMMANDS = 'sources'): Promise<BotProcess> {
  const [command, args] = COMMANDS[run];
  const child = spawn(command, [...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, MicrosoftAppId: '', PORT: '0', HOST: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /"event":"listening"[^\n]*"port":(\d+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => output,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
    storeUp: async () => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { store } = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { store: string };
        if (store === 'up') return;
        if (Date.now() > deadline) throw new Error(`the store never opened:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}
