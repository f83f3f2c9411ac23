import type { Pack } from '../../knowledge/types.js';
import { messages } from '../../messages.js';
import { card, heading, link, submit, text, type AdaptiveCard, type Element } from './adaptive.js';

/** The pack's example questions, each a row to press (asked as if typed). */
const examples = (pack: Pack): Element[] => pack.welcomeExamples.map((q) => link(q, { action: 'ask', council: pack.council, question: q }));

/** What the bot knows, example questions to press, and the commands. Also the reply to `help`. */
export function welcomeCard(pack: Pack): AdaptiveCard {
  // For new staff: the tour, and the glossary by its first term ("PBST (Personal Budget Support Team)" → "PBST").
  const term = pack.glossary[0]?.names[0]?.replace(/\s*\(.*\)$/, '');
  const newStaff = pack.overview && term ? [text(messages.welcomeNewStaff(term), { spacing: 'Medium' })] : [];
  return card(
    [
      heading(messages.welcomeTitle),
      text(messages.welcomeIntro(pack.name, pack.document.version ?? 'current version', pack.document.updated)),
      ...examples(pack),
      ...newStaff,
      text(messages.commandsHelp, { isSubtle: true, spacing: 'Medium' }),
    ],
    pack.overview ? [submit(messages.tourButton, { action: 'tour', council: pack.council, step: 0 })] : [],
  );
}

/** A friendly reply to "hello", "thanks", "who are you" or "what can you do", with questions to press. */
export function smalltalkCard(pack: Pack, kind: string): AdaptiveCard {
  return card([text(messages.smalltalk(kind, pack.name)), ...examples(pack)]);
}
