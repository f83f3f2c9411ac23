import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { messages } from '../src/messages.js';
import { startBotProcess, type BotProcess } from './helpers/bot-process.js';
import { freshDataDir } from './helpers/database.js';

// The bot as `npm start` runs it, Agents Playground as the Teams client, Debian's Chromium driving it.
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(PROJECT_ROOT, 'test', 'artifacts');
const children: ChildProcess[] = [];
const data = freshDataDir();

/** Starts a process and resolves with the first match of `ready` in its output. */
function launch(args: string[], env: Record<string, string>, ready: RegExp): Promise<RegExpMatchArray> {
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`not ready: ${args.join(' ')}\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${args.join(' ')}\n${output}`)));
  });
}

/** The local addresses listening on a TCP port, from the kernel's socket tables (hex, little-endian IPv4). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[3] === '0A' && f[1]?.endsWith(`:${hexPort}`))
      .map((f) => f[1]!.split(':')[0]!),
  );
}

/** Types into the compose box key by key, as a person does (the rich-text box keeps fill()ed text). */
async function ask(page: Page, question: string) {
  const box = page.getByRole('textbox').first();
  await box.click();
  await page.keyboard.type(question);
  await page.keyboard.press('Enter');
}

describe('the bot in Agents Playground, driven by Chromium', () => {
  let browser: Browser;
  let page: Page;
  let bot: BotProcess;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does this)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    bot = await startBotProcess({ DATA_DIR: data.dir });
    // As `npm run playground` starts it: on loopback only.
    const [, playgroundPort] = await launch(
      ['--import', 'tsx', 'src/cli/playground.ts'],
      { BOT_URL: bot.url, PLAYGROUND_PORT: '56150', M365_AGENTS_PLAYGROUND_LOGFILE: join(ARTIFACTS, 'playground.log') },
      /Listening on (\d+)/,
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`http://localhost:${playgroundPort}/`);
    await page.getByText(messages.welcomeTitle).first().waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const child of children) child.kill('SIGTERM');
    await bot?.stop();
    data.remove();
  });

  it('serves the playground on loopback only', () => {
    const addresses = listeningAddresses(56150);
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.every((a) => a === '0100007F')).toBe(true);
  });

  it('shows the increase answer card with its Conversation 3 step in the personal chat', async () => {
    await ask(page, 'how do I increase a home care package');
    const step = page.getByText(/If you wish to increase a home care package, an authorised Conversation 3 workstep/).last();
    await step.waitFor({ timeout: 15_000 });
    expect(await step.isVisible()).toBe(true);
    expect(await page.getByText('Increasing a home care package', { exact: true }).last().isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'answer-card.png'), fullPage: true });
  });

  it('keeps a thumbs-down given in the client against the entry the card answered with', async () => {
    await page.getByRole('button', { name: 'Dislike' }).last().click();
    await page.locator('textarea').last().fill('this is for a long hospital stay, not a short one');
    await page.getByRole('button', { name: 'Submit' }).last().click();
    // The invoke names the card's message id; the store says which entry that message carried.
    const logged = /"event":"feedback","reaction":"dislike","entryId":"home-care-increase","council":"reading","comment":true/;
    for (let i = 0; i < 50 && !logged.test(bot.output()); i++) await page.waitForTimeout(100);
    expect(bot.output()).toMatch(logged);
    await page.getByText('Thank you!').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'feedback-given.png'), fullPage: true });
    await page.getByRole('button', { name: 'Close' }).last().click();
    expect(bot.output()).not.toContain('long hospital stay');
  });

  it('reads a four-word follow-up with the last answer: the provider of the home care just answered', async () => {
    // On its own "who do I contact about the provider" fits home care and supported living alike.
    await ask(page, 'who do I contact about the provider');
    const heading = page.getByText('A contact number for a home care provider', { exact: true }).last();
    await heading.waitFor({ timeout: 15_000 });
    expect(await heading.isVisible()).toBe(true);
  });

  it('asks which one for an ambiguous question, and pressing an option answers it', async () => {
    // Respite names its own service (the home care context does not decide it), and leaves the budget unsaid.
    await ask(page, 'how do I book respite?');
    await page.getByText(messages.clarifyPrompt).last().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'clarify-card.png'), fullPage: true });
    await page.getByRole('button', { name: 'Respite that needs a new respite allocation' }).last().click();
    const step = page.getByText(/respite allocation and a next step of Purchase Services/).last();
    await step.waitFor({ timeout: 15_000 });
    expect(await step.isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'clarify-answered.png'), fullPage: true });
  });

  it('in a group chat ignores an unmentioned question and answers an @mention', async () => {
    await page.getByText('Group Chat', { exact: true }).first().click();
    await page.getByText('Group Chat', { exact: true }).first().waitFor();
    const heading = page.getByText('Increasing a home care package', { exact: true });
    await ask(page, 'how do I increase a home care package');
    await page.getByRole('textbox').first().click();
    await page.keyboard.type('@');
    await page.getByRole('listbox').getByText('Test Bot', { exact: true }).first().click();
    await page.keyboard.type(' how do I increase a home care package');
    await page.keyboard.press('Enter');
    await page.getByText(/If you wish to increase a home care package/).last().waitFor({ timeout: 15_000 });
    // Both questions were sent before the answer arrived; only the mentioned one was answered.
    expect(await heading.count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'group-chat.png'), fullPage: true });
  });
});
