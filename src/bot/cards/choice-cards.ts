import type { Entry, Pack } from '../../knowledge/types.js';
import { messages } from '../../messages.js';
import { QUESTION_MAX } from '../card-actions.js';
import { card, heading, link, submit, text, type AdaptiveCard } from './adaptive.js';

/** An entry as a clickable row (its whole title, wrapped); a press answers that entry. */
export const entryLink = (e: Entry) => link(e.title, { action: 'answer', council: e.council, id: e.id });

/** The question a "which one?" was asked for: it travels in the choices' buttons. */
export interface Asked {
  council: string;
  question: string;
  questionId?: string | undefined;
}

/**
 * "Which one do you mean?" with a row per option, and always a way out: a press answers that entry (with the
 * sentence answering the question), "None of these" gives the not-found reply.
 */
export function clarifyCard(options: Entry[], asked: Asked): AdaptiveCard {
  const question = asked.question.slice(0, QUESTION_MAX);
  const about = { question, ...(asked.questionId ? { questionId: asked.questionId } : {}) };
  const choices = card([
    text(messages.clarifyPrompt, { weight: 'Bolder' }),
    ...options.map((e) => link(e.title, { action: 'answer', council: e.council, id: e.id, ...about })),
    link(messages.noneOfThese, { action: 'none', council: asked.council, ...about }),
  ]);
  return { ...choices, fallbackText: [messages.clarifyPrompt, ...options.map((e) => `- ${e.title}`)].join('\n') };
}

/** Services of the council, each opening its list of questions: browsing for induction. */
export function topicsCard(pack: Pack): AdaptiveCard {
  const services = pack.vocabulary.services.filter((s) => pack.entries.some((e) => e.services.includes(s.id)));
  return card([
    heading(messages.topicsTitle),
    text(`${pack.name}, ${pack.document.version ?? ''} (${pack.document.updated})`, { isSubtle: true, spacing: 'None' }),
    ...services.map((s) => link(s.label, { action: 'topic', council: pack.council, service: s.id })),
  ]);
}

export function topicCard(pack: Pack, serviceId: string): AdaptiveCard | undefined {
  const service = pack.vocabulary.services.find((s) => s.id === serviceId);
  if (!service) return undefined;
  const entries = pack.entries.filter((e) => e.services.includes(serviceId));
  return card(
    [heading(messages.topicTitle(service.label)), ...entries.map(entryLink)],
    [submit(messages.allTopics, { action: 'topics', council: pack.council })],
  );
}
