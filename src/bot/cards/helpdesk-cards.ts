import type { Entry } from '../../knowledge/types.js';
import { messages } from '../../messages.js';
import { DETAIL_MAX, QUESTION_MAX } from '../card-actions.js';
import { entryLink } from './choice-cards.js';
import { actionSet, card, execute, heading, showCard, submit, text, textInput, toggle, type AdaptiveCard, type Element } from './adaptive.js';

const m = messages.helpdesk;
export const ANSWER_MAX = 4000;

export interface AskHelpdesk {
  council: string;
  botStatus: 'no_match' | 'disliked';
  /** Put in the question box, for the practitioner to send or change. */
  question?: string | undefined;
  detail?: string | undefined;
  entryId?: string | undefined;
  questionId?: string | undefined;
}

/** "Ask the helpdesk": a form under a button, the question already in its box. */
export function askHelpdeskAction(ask: AskHelpdesk): Element {
  const { council, botStatus, entryId, questionId } = ask;
  return showCard(
    m.button,
    [
      textInput('question', m.questionLabel, { value: ask.question, maxLength: QUESTION_MAX }),
      textInput('detail', m.detailLabel, { value: ask.detail, placeholder: m.detailPlaceholder, maxLength: DETAIL_MAX }),
    ],
    [submit(m.send, { action: 'escalate', council, botStatus, ...(entryId ? { entryId } : {}), ...(questionId ? { questionId } : {}) })],
  );
}

/** Under a not-found reply: close entries as buttons, and the helpdesk when it can be reached. */
export function notFoundCard(suggestions: Entry[], ask: AskHelpdesk | undefined): AdaptiveCard | undefined {
  if (suggestions.length === 0 && !ask) return undefined;
  const body: Element[] = [];
  if (suggestions.length > 0) {
    body.push(text(messages.suggestionsIntro));
    body.push(...suggestions.map(entryLink));
  }
  if (ask) body.push(actionSet([askHelpdeskAction(ask)]));
  return card(body);
}

/** The reply to a thumbs-down, when the helpdesk can be reached. */
export function dislikedCard(ask: AskHelpdesk): AdaptiveCard {
  return card([text(`${m.dislikedIntro} ${m.offer}`), actionSet([askHelpdeskAction(ask)])]);
}

/**
 * What the helpdesk card shows. It travels in the card's own buttons (Action.Execute data), so any instance
 * can redraw it; what was typed and who asked are never written to the store.
 */
export interface HelpdeskView {
  escalationId: string;
  council: string;
  councilName: string;
  question: string;
  detail?: string | undefined;
  asker: string;
  botSaid: string;
  takenBy?: string | undefined;
}

export interface HelpdeskState {
  answeredBy?: string | undefined;
  answeredAt?: Date | undefined;
  answer?: string | undefined;
  /** Said under the answer when the card is redrawn on sending it (the store does not keep it). */
  note?: string | undefined;
}

/** The question as the helpdesk channel sees it: take it, answer it, or see who did. */
export function helpdeskCard(view: HelpdeskView, state: HelpdeskState = {}): AdaptiveCard {
  const body: Element[] = [
    heading(m.cardTitle(view.councilName)),
    text(m.askedBy(view.asker), { isSubtle: true, spacing: 'None' }),
    { type: 'Container', style: 'emphasis', items: [text(view.question)] },
  ];
  if (view.detail) body.push(text(m.detail, { weight: 'Bolder' }), text(view.detail, { spacing: 'None' }));
  body.push(text(m.botSaid, { weight: 'Bolder' }), text(view.botSaid, { spacing: 'None' }));
  if (state.answeredAt) {
    body.push(text(m.answeredBy(state.answeredBy, when(state.answeredAt)), { weight: 'Bolder', color: 'Good' }));
    if (state.answer) body.push(text(state.answer, { spacing: 'None' }));
    if (state.note) body.push(text(state.note, { color: 'Attention' }));
    return card(body);
  }
  if (view.takenBy) body.push(text(m.takenBy(view.takenBy), { weight: 'Bolder' }));
  body.push(textInput('answer', m.answerLabel, { placeholder: m.answerPlaceholder, maxLength: ANSWER_MAX }));
  // Ticked, the answer is put to the council's helpdesk leads for the bot to give to the next asker.
  body.push(toggle('addToAnswers', m.addToAnswers));
  body.push(textInput('general', m.generalLabel, { placeholder: m.generalPlaceholder, maxLength: QUESTION_MAX }));
  const data = { ...view };
  const actions = [execute(m.sendAnswer, 'helpdesk/answer', data, { style: 'positive' })];
  if (!view.takenBy) actions.unshift(execute(m.take, 'helpdesk/take', data));
  return card(body, actions);
}

/** The helpdesk's answer, in the chat the question came from. */
export function helpdeskAnswerCard(question: string, answer: string, answeredBy: string): AdaptiveCard {
  return card([
    heading(m.answerTitle),
    text(m.youAsked, { isSubtle: true }),
    { type: 'Container', style: 'emphasis', items: [text(question)] },
    text(answer),
    text(m.from(answeredBy), { isSubtle: true }),
  ]);
}

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
