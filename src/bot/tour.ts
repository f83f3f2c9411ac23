import { randomUUID } from 'node:crypto';
import { ActivityTypes, CardFactory, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { AnswerEngine } from '../engine/index.js';
import { messages } from '../messages.js';
import { BoundedMap } from './bounded-map.js';
import type { TourStep } from './card-actions.js';
import type { AdaptiveCard } from './cards/adaptive.js';
import { inertTourCard, tourCard } from './cards/tour-card.js';

const MEMORY = 10_000;

/**
 * The guided tour: one card per conversation that moves in place. Back and Next are Universal Actions whose
 * answer is the next card; the step and the tour travel in the buttons, so any instance serves a press. A new
 * tour leaves the conversation's previous card inert (redrawn without buttons, and a press on it moves
 * nothing) where this instance started it.
 */
export class Tours {
  /** Each conversation's newest tour, and its message when the client gave one an id. */
  private readonly latest = new BoundedMap<string, { tour: string; messageId: string | undefined }>(MEMORY);

  constructor(
    private readonly engine: AnswerEngine,
    private readonly logger: Logger,
  ) {}

  /** Posts a new tour card at `step`; a council without a tour is told to browse topics instead. */
  async start(context: TurnContext, council: string, step: number): Promise<void> {
    const pack = this.engine.pack(council);
    const tour = randomUUID();
    const stop = tourCard(pack, step, tour);
    if (!stop) return void (await context.sendActivity(pack.overview ? messages.unknownEntry : messages.noTour));
    const conversation = context.activity.conversation?.id ?? '';
    const previous = this.latest.get(conversation);
    const sent = await context.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(stop)] });
    this.latest.set(conversation, { tour, messageId: sent?.id });
    if (!previous?.messageId) return;
    await context.updateActivity({ type: ActivityTypes.Message, id: previous.messageId, attachments: [CardFactory.adaptiveCard(inertTourCard())] }).catch((error: unknown) => {
      this.logger.warn({ event: 'tour-card-not-updated', reason: (error as Error).name }, 'older tour card left as it was');
    });
  }

  /** Back or Next: the card that replaces the pressed one, or undefined for a step or council that is not one. */
  move(context: TurnContext, step: TourStep): InvokeResponse | undefined {
    if (!this.engine.councilIds().includes(step.council)) return undefined;
    const latest = this.latest.get(context.activity.conversation?.id ?? '');
    if (latest && latest.tour !== step.tour) return cardResponse(inertTourCard());
    const stop = tourCard(this.engine.pack(step.council), step.step, step.tour);
    return stop ? cardResponse(stop) : undefined;
  }
}

const cardResponse = (card: AdaptiveCard): InvokeResponse => ({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } });
