import type { Entry } from '../../knowledge/types.js';
import { messages } from '../../messages.js';
import type { HelpdeskAnswer } from '../../store/helpdesk-answers.js';
import { QUESTION_MAX } from '../card-actions.js';
import { entryLink } from './choice-cards.js';
import { ANSWER_MAX } from './helpdesk-cards.js';
import { card, execute, heading, showCard, text, textInput, type AdaptiveCard, type Element } from './adaptive.js';

const m = messages.helpdeskAnswers;

/** A date as the cards show it (UTC). */
export const cardDay = (date: Date) => date.toISOString().slice(0, 10);
const cardTime = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** An approved helpdesk answer, given to a practitioner: plainly not the procedure, with when it was approved. */
export function servedAnswerCard(answer: HelpdeskAnswer, related: Entry | undefined): AdaptiveCard {
  const body: Element[] = [
    heading(m.label),
    text(m.approvedOn(cardDay(answer.approvedAt ?? answer.updatedAt)), { isSubtle: true, spacing: 'None' }),
    { type: 'Container', style: 'emphasis', items: [text(answer.question)] },
    text(answer.answer),
  ];
  if (related) body.push(text(m.related, { isSubtle: true }), entryLink(related));
  return card(body);
}

/**
 * A helpdesk answer as the helpdesk channel sees it: put forward, approved, rejected or retired, with what a
 * lead can do next. Drawn from the stored row, so any instance can redraw it; the buttons carry the version
 * they were drawn from.
 */
export function approvalCard(answer: HelpdeskAnswer, councilName: string): AdaptiveCard {
  const title =
    answer.status === 'proposed' ? m.proposedTitle(councilName) : answer.status === 'approved' ? m.approvedTitle(councilName) : answer.status === 'rejected' ? m.rejectedTitle : m.retiredTitle;
  const body: Element[] = [heading(title)];
  if (answer.status === 'approved' && answer.approvedAt) body.push(text(m.approvedBy(answer.approvedBy ?? '', cardTime(answer.approvedAt)), { weight: 'Bolder', color: 'Good' }));
  else body.push(text(m.proposedBy(answer.proposedBy), { isSubtle: true, spacing: 'None' }));
  body.push(text(m.questionHeading, { weight: 'Bolder' }), { type: 'Container', style: 'emphasis', items: [text(answer.question)] });
  body.push(text(m.answerHeading, { weight: 'Bolder' }), text(answer.answer, { spacing: 'None' }));
  if (answer.wordings.length > 0) body.push(text(m.askedAs, { weight: 'Bolder' }), text(answer.wordings.join('\n'), { isSubtle: true, spacing: 'None' }));
  const data = { answerId: answer.id, council: answer.council, version: answer.version };
  const edit = showCard(
    m.edit,
    [
      textInput('question', m.questionHeading, { value: answer.question, maxLength: QUESTION_MAX }),
      textInput('answer', m.answerHeading, { value: answer.answer, maxLength: ANSWER_MAX }),
    ],
    [execute(m.save, 'helpdesk/edit', data, { style: 'positive' })],
  );
  if (answer.status === 'proposed') return card(body, [execute(m.approve, 'helpdesk/approve', data, { style: 'positive' }), edit, execute(m.reject, 'helpdesk/reject', data)]);
  if (answer.status === 'approved') return card(body, [edit, execute(m.retire, 'helpdesk/retire', data, { style: 'destructive' })]);
  return card(body);
}

/** Posted to the helpdesk channel when a practitioner gives an approved answer a thumbs down. */
export function dislikedAnswerCard(answer: HelpdeskAnswer, councilName: string, comment: string | undefined): AdaptiveCard {
  const drawn = approvalCard(answer, councilName);
  return { ...drawn, body: [heading(m.dislikedTitle), ...(comment ? [text(m.dislikedComment(comment))] : []), ...drawn.body] };
}
