import { createRequire } from 'node:module';
import type { Activity } from 'botbuilder';

// The official Adaptive Cards SDK parses a card for a target version and reports unknown element types,
// invalid property values and missing required properties. (Its ESM build does not load in Node; the
// bundled UMD build does.)
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Problems with a card as an Adaptive Card 1.5; empty when valid. */
export function cardProblems(json: unknown): string[] {
  const problems: string[] = [];
  const card = json as { type?: unknown; version?: unknown };
  if (card.type !== 'AdaptiveCard') problems.push('type is not AdaptiveCard');
  if (card.version !== '1.5') problems.push(`version is ${String(card.version)}, not 1.5`);
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

export const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** Every Adaptive Card in the replies. */
export function cardsIn(activities: Array<Partial<Activity>>): Array<Record<string, unknown>> {
  return activities.flatMap((a) => (a.attachments ?? []).filter((x) => x.contentType === ADAPTIVE).map((x) => x.content as Record<string, unknown>));
}

/** All text of a card (TextBlocks, facts, button titles), for asserting what a user would read. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string') out.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

/** Button payloads (Action.Submit data) of a card, in order. */
export function submitData(card: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Submit' && n.data) out.push(n.data as Record<string, unknown>);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Labels of the card's buttons: every action but a row's selectAction, whose text shows instead. */
export function buttonTitles(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, key: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, key));
    if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n.type === 'string' && n.type.startsWith('Action.') && key !== 'selectAction') out.push(String(n.title));
      for (const [k, v] of Object.entries(n)) walk(v, k);
    }
  };
  walk(card, '');
  return out;
}

/** Addresses the card opens (Action.OpenUrl, on a button or a row), as title and url. */
export function openUrls(card: unknown): Array<{ title: string; url: string }> {
  const out: Array<{ title: string; url: string }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.OpenUrl') out.push({ title: String(n.title), url: String(n.url) });
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}
