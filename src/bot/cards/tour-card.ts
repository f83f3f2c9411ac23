import type { Pack } from '../../knowledge/types.js';
import { messages } from '../../messages.js';
import { documentUrl } from '../answer-activity.js';
import { card, openUrl, submit, text, type AdaptiveCard, type Element } from './adaptive.js';
import { answerCard } from './answer-card.js';

/**
 * One stop of the guided tour: the entry at `step` of the pack's tour order, laid out as its answer, with
 * Back and Next (the position travels in the buttons) and the whole procedures document. Undefined when the
 * pack has no tour or the step is past its end.
 */
export function tourCard(pack: Pack, step: number): AdaptiveCard | undefined {
  const order = pack.overview?.tour ?? [];
  const entry = pack.entries.find((e) => e.id === order[step]);
  if (!entry) return undefined;
  const body: Element[] = [
    text(messages.tourProgress(step + 1, order.length, pack.name), { isSubtle: true, size: 'Small', weight: 'Bolder' }),
    ...answerCard(entry, []).body,
  ];
  if (step === order.length - 1) body.push(text(messages.tourEnd, { spacing: 'Large' }));
  const url = documentUrl(pack);
  const actions = [
    ...(step > 0 ? [submit(messages.tourBack, { action: 'tour', council: pack.council, step: step - 1 })] : []),
    ...(step < order.length - 1 ? [submit(messages.tourNext, { action: 'tour', council: pack.council, step: step + 1 })] : []),
    ...(url ? [openUrl(messages.tourFull, url)] : []),
  ];
  return card(body, actions);
}
