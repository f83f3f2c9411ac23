import type { Pack } from '../../knowledge/types.js';
import { messages } from '../../messages.js';
import { actionSet, card, heading, submit, text, type AdaptiveCard } from './adaptive.js';

/** What the bot knows, example questions to press, and the commands. Also the reply to `help`. */
export function welcomeCard(pack: Pack): AdaptiveCard {
  return card([
    heading(messages.welcomeTitle),
    text(messages.welcomeIntro(pack.name, pack.document.version ?? 'current version', pack.document.updated)),
    actionSet(pack.welcomeExamples.map((q) => submit(q, { action: 'ask', council: pack.council, question: q }))),
    text(messages.commandsHelp, { isSubtle: true, spacing: 'Medium' }),
  ]);
}

/** A friendly reply to "hello", "thanks", "who are you" or "what can you do", with questions to press. */
export function smalltalkCard(pack: Pack, kind: string): AdaptiveCard {
  return card([
    text(messages.smalltalk(kind, pack.name)),
    actionSet(pack.welcomeExamples.map((q) => submit(q, { action: 'ask', council: pack.council, question: q }))),
  ]);
}
