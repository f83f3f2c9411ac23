import { expect } from 'vitest';
import type { Report } from '../../src/store/report.js';
import type { BotProcess } from './bot-process.js';
import type { ConnectorStandIn, Posted } from './connector.js';
import { runScript } from './run-script.js';
import { postActivity, teamsActivity } from './teams-activity.js';

// The helpdesk as Teams drives it, for the helpdesk tests: its team and channel, practitioners' chats.
export const TEAM = '19:helpdesk-general@thread.tacv2';
export const TENANT = 'tenant-1';

export const activity = (channel: ConnectorStandIn, fields: Record<string, unknown>) => teamsActivity(channel, fields, TENANT);

/** As Teams sends from the helpdesk channel: a thread under the card, the team in channelData. */
export function fromChannel(channel: ConnectorStandIn, team: string, fields: Record<string, unknown>) {
  return activity(channel, {
    conversation: { id: `${team};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    from: { id: 'helper-1', name: 'Hana Helpdesk' },
    channelData: { tenant: { id: TENANT }, team: { id: team }, channel: { id: team } },
    ...fields,
  });
}

export const post = (bot: BotProcess, body: object) => postActivity(bot.url, body);

export const toConversation = (channel: ConnectorStandIn, id: string) => channel.posted.filter((p) => p.path.startsWith(`/v3/conversations/${encodeURIComponent(id)}/`));
export const cardOf = (p: Posted | undefined) => p?.activity.attachments?.[0]?.content as Record<string, unknown> | undefined;

/** The first action of a type (and title) anywhere in a card: Action.Submit, Action.Execute, Action.ShowCard. */
export function findAction(card: unknown, type: string, title?: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as Record<string, unknown>;
    if (n.type === type && (!title || n.title === title)) found = n;
    else Object.values(n).forEach(walk);
  };
  walk(card);
  return found;
}

/** A Universal Action press on a card in the helpdesk channel, as Teams posts it. */
export function press(channel: ConnectorStandIn, cardId: string | undefined, action: Record<string, unknown>, fields: Record<string, unknown> = {}) {
  return fromChannel(channel, TEAM, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: cardId,
    value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'manual' },
    ...fields,
  });
}

export async function until(check: () => Promise<boolean> | boolean, what: string, tries = 100): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

/** `npm run report -- --format json` on a stopped bot's store. */
export function report(env: Record<string, string>): Report {
  const run = runScript('src/cli/report.ts', ['--format', 'json'], { env });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Report;
}

/** A practitioner asks what the procedures do not answer and sends it to the helpdesk: the card it posted. */
export async function escalate(bot: BotProcess, channel: ConnectorStandIn, question: string): Promise<{ card: Record<string, unknown>; id: string | undefined }> {
  const before = toConversation(channel, TEAM).filter((p) => p.method === 'POST' && p.activity.attachments).length;
  await post(bot, activity(channel, { text: question }));
  const send = findAction(cardOf(toConversation(channel, 'practitioner-chat').at(-1)), 'Action.Submit', 'Send to the helpdesk');
  expect(send, 'the helpdesk is offered').toBeDefined();
  await post(bot, activity(channel, { value: { ...(send!.data as object), question } }));
  const posted = toConversation(channel, TEAM).filter((p) => p.method === 'POST' && p.activity.attachments);
  expect(posted).toHaveLength(before + 1);
  return { card: cardOf(posted.at(-1))!, id: posted.at(-1)!.id };
}
