import type { Pack } from '../../knowledge/types.js';
import { messages } from '../../messages.js';
import { card, heading, link, text, type AdaptiveCard, type Element } from './adaptive.js';

/** The pack's example questions, each a row to press (asked as if typed). */
const examples = (pack: Pack): Element[] => pack.welcomeExamples.map((q) => link(q, { action: 'ask', council: pack.council, question: q }));

/** What the bot knows, example questions to press, and the commands. Also the reply to `help`. */
export function welcomeCard(pack: Pack): AdaptiveCard {
  return card([
    heading(messages.welcomeTitle),
    text(messages.welcomeIntro(pack.name, pack.document.version ?? 'current version', pack.document.updated)),
    ...examples(pack),
    text(messages.commandsHelp, { isSubtle: true, spacing: 'Medium' }),
  ]);
}

/** A friendly reply to "hello", "thanks", "who are you" or "what can you do", with questions to press. */
export function smalltalkCard(pack: Pack, kind: string): AdaptiveCard {
  return card([text(messages.smalltalk(kind, pack.name)), ...examples(pack)]);
}
