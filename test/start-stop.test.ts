import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { startBotProcess } from './helpers/bot-process.js';
import { connectorStandIn } from './helpers/connector.js';
import { freshDataDir } from './helpers/database.js';
import { postActivity, teamsActivity } from './helpers/teams-activity.js';

/** Every process below `pid`, from /proc: npm runs the script through a shell, which runs node. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      // The command name (field 2) may hold spaces and brackets: the parent id is the 2nd field after ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parents) {
      if (ppid !== parent) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** `npm start` as a newcomer (or a platform) runs it, on a free loopback port and a fresh DATA_DIR. */
const npmStart = (dataDir: string) => startBotProcess({ DATA_DIR: dataDir }, 'npm-start');

describe('the compiled bot, started and stopped as a platform does', () => {
  const data = freshDataDir();
  beforeAll(() => {
    const build = spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(build.status, build.stdout + build.stderr).toBe(0);
  }, 130_000);
  afterAll(() => data.remove());

  it('serves from dist with no deprecation warning, and SIGTERM to npm ends every process within 5 s', async () => {
    const bot = await npmStart(data.dir);
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(200);
    const tree = descendants(bot.child.pid!);
    expect(tree.length).toBeGreaterThan(0);
    expect(bot.output()).not.toMatch(/DeprecationWarning|ExperimentalWarning/);
    expect(bot.output()).not.toContain('tsx');

    const signalled = Date.now();
    bot.child.kill('SIGTERM');
    const code = await bot.exited;
    while (tree.some(alive) && Date.now() - signalled < 5000) await new Promise((r) => setTimeout(r, 50));
    expect(tree.filter(alive)).toEqual([]);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(code).toBe(0);
    expect(bot.output()).toMatch(/"event":"stopped"(?![^\n]*"forced")/);
  }, 60_000);

  it('stops on SIGINT to node itself (as in a container, node as PID 1), logging "stopped", exit 0', async () => {
    const bot = await startBotProcess({ DATA_DIR: data.dir }, 'node-dist');
    const signalled = Date.now();
    bot.child.kill('SIGINT');
    expect(await bot.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(bot.output()).toMatch(/"event":"stopping","signal":"SIGINT"/);
    expect(bot.output()).toMatch(/"event":"stopped"(?![^\n]*"forced")/);
  }, 60_000);

  it('finishes a turn in flight before stopping: the reply still reaches the channel', async () => {
    const channel = await connectorStandIn({ delayMs: 1500 });
    const bot = await npmStart(data.dir);
    try {
      const asked = postActivity(bot.url, teamsActivity(channel, { text: 'how do I increase a home care package' }));
      while (channel.posted.length === 0) await new Promise((r) => setTimeout(r, 20));
      // The typing indicator has gone out and the connector is slow: the turn is still running.
      bot.child.kill('SIGTERM');
      const response = await asked;
      expect(response.status).toBe(200);
      expect(channel.posted.some((p) => p.activity.attachments?.length)).toBe(true);
      expect(await bot.exited).toBe(0);
      expect(bot.output()).toContain('"event":"stopped"');
    } finally {
      bot.child.kill('SIGKILL');
      await channel.close();
    }
  }, 60_000);
});
