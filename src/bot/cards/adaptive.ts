import type { CardAction } from '../card-actions.js';

// A small typed subset of Adaptive Cards 1.5: what this bot uses, nothing more.
export type Element = Record<string, unknown> & { type: string };
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: Element[];
  actions?: Element[];
  /** What a client that shows no cards shows instead (plain text). */
  fallbackText?: string;
}

export const CARD_VERSION = '1.5';

export function card(body: Element[], actions: Element[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

/** Default colours only, so the card reads in Teams light, dark and high-contrast themes. */
export function text(value: string, options: Record<string, unknown> = {}): Element {
  return { type: 'TextBlock', text: escapeMarkdown(value), wrap: true, ...options };
}

export const heading = (value: string): Element => text(value, { size: 'Large', weight: 'Bolder', style: 'heading' });

export function submit(title: string, data: CardAction): Element {
  return { type: 'Action.Submit', title: plain(title), data };
}

/** A button that opens an address; for a fixed short label (a long one belongs in `urlLink`). */
export function openUrl(title: string, url: string): Element {
  return { type: 'Action.OpenUrl', title: plain(title), url };
}

export const actionSet = (actions: Element[]): Element => ({ type: 'ActionSet', actions });

/** A button that opens a small form under it (the form's inputs go with its own Submit). */
export function showCard(title: string, body: Element[], actions: Element[]): Element {
  return { type: 'Action.ShowCard', title: plain(title), card: card(body, actions) };
}

/** Universal Actions: handled by the bot as an invoke, whose answer (a card) replaces this one. */
export function execute(title: string, verb: string, data: Record<string, unknown>, options: Record<string, unknown> = {}): Element {
  return { type: 'Action.Execute', title: plain(title), verb, data, ...options };
}

/** A multi-line text box. An input's value is shown as text, never as Markdown, so it is only cleaned. */
export function textInput(id: string, label: string, options: { value?: string | undefined; placeholder?: string; maxLength: number }): Element {
  return {
    type: 'Input.Text',
    id,
    label: plain(label),
    isMultiline: true,
    maxLength: options.maxLength,
    ...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
    ...(options.value ? { value: clean(options.value).slice(0, options.maxLength) } : {}),
  };
}

/** A tick box; its value arrives as "true" or "false". */
export function toggle(id: string, title: string): Element {
  return { type: 'Input.Toggle', id, title: plain(title), valueOn: 'true', valueOff: 'false', value: 'false', wrap: true };
}

/**
 * A clickable row of wrapped text. Entry titles, example questions and link names go here rather than on
 * buttons: Teams cuts a button's label to its width, mid-word, and folds more than a few buttons away.
 */
export function link(title: string, data: CardAction): Element {
  return row(title, { type: 'Action.Submit', title: plain(title), data });
}

/** A clickable row that opens an address (a linked document, a mailbox). */
export function urlLink(title: string, url: string): Element {
  return row(title, { type: 'Action.OpenUrl', title: plain(title), url });
}

function row(title: string, selectAction: Record<string, unknown>): Element {
  return { type: 'Container', spacing: 'Small', selectAction, items: [text(title, { color: 'Accent' })] };
}

/** Button labels are fixed strings from messages.ts, short enough that Teams never cuts them. */
export const BUTTON_TITLE_MAX = 24;

/**
 * Teams renders a subset of Markdown in TextBlocks; escape its control characters so text shows as
 * typed and cannot form links, emphasis or lists. Used for every string put in a card.
 */
export function escapeMarkdown(value: string): string {
  return clean(value).slice(0, MAX_TEXT)
    .replace(/([\\`*_[\]<>~])/g, '\\$1')
    .replace(/^(\s*)(\d+)\./gm, '$1$2\\.')
    .replace(/^(\s*)([-+#])/gm, '$1\\$2');
}

/** A TextBlock holds a whole paragraph of the procedure (packs allow 1,500 characters): this bound only
 * stops text that is not from a pack from running on. */
const MAX_TEXT = 4000;
const MAX_TITLE = 500;

// eslint-disable-next-line no-control-regex
const clean = (value: string) => value.replace(/[\u0000-\u001f\u007f]+/g, ' ');

/** Button titles are not Markdown, but must not carry control characters or run on forever. */
function plain(value: string): string {
  return clean(value).slice(0, MAX_TITLE);
}
