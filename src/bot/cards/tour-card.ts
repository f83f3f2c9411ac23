import type { Pack } from '../../knowledge/types.js';
import { messages } from '../../messages.js';
import { documentUrl } from '../answer-activity.js';
import { TOUR_VERB } from '../card-actions.js';
import { card, execute, openUrl, text, type AdaptiveCard, type Element } from './adaptive.js';
import { answerCard, plainAnswer } from './answer-card.js';

/**
 * One stop of the guided tour: the entry at `step` of the pack's tour order, laid out as its answer, with
 * Back and Next (Action.Execute: the card moves in place; the position and the tour travel in the buttons)
 * and the whole procedures document. Undefined when the pack has no tour or the step is past its end.
 */
export function tourCard(pack: Pack, step: number, tour: string): AdaptiveCard | undefined {
  const order = pack.overview?.tour ?? [];
  const entry = pack.entries.find((e) => e.id === order[step]);
  if (!entry) return undefined;
  const body: Element[] = [
    text(messages.tourProgress(step + 1, order.length, pack.name), { isSubtle: true, size: 'Small', weight: 'Bolder' }),
    ...answerCard(entry, []).body,
  ];
  if (step === order.length - 1) body.push(text(messages.tourEnd, { spacing: 'Large' }));
  const url = documentUrl(pack);
  const move = (title: string, to: number) => execute(title, TOUR_VERB, { council: pack.council, step: to, tour });
  const actions = [
    ...(step > 0 ? [move(messages.tourBack, step - 1)] : []),
    ...(step < order.length - 1 ? [move(messages.tourNext, step + 1)] : []),
    ...(url ? [openUrl(messages.tourFull, url)] : []),
  ];
  return { ...card(body, actions), fallbackText: `${messages.tourProgress(step + 1, order.length, pack.name)}\n${plainAnswer(entry)}` };
}

/** A tour card left behind by a newer tour: its buttons gone, a pointer to the newer one. */
export function inertTourCard(): AdaptiveCard {
  return card([text(messages.tourMoved, { isSubtle: true })]);
}
