import { randomUUID } from 'node:crypto';
import { ActivityTypes, CardFactory, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { AnswerEngine } from '../engine/index.js';
import { messages } from '../messages.js';
import type { BotStore, NewestTour } from '../store/store.js';
import { BoundedMap } from './bounded-map.js';
import type { TourStep } from './card-actions.js';
import type { AdaptiveCard } from './cards/adaptive.js';
import { inertTourCard, tourCard } from './cards/tour-card.js';
import { readInTime } from './store-read.js';

const MEMORY = 10_000;

/**
 * The guided tour: one card per conversation that moves in place. Back and Next are Universal Actions whose
 * answer is the next card; the step and the tour travel in the buttons, so any instance serves a press. Each
 * conversation's newest tour is kept in the store, so a new tour leaves the previous card inert on every
 * instance: a press on it moves nothing wherever it lands, and the instance that starts the new tour redraws
 * the previous card without buttons (its message id is stored with it). Kept here too, for when the store is
 * slow or down: then an older card is inert only where this instance knows of a newer tour.
 */
export class Tours {
  /** Each conversation's newest tour this instance knows of: the store's last answer, or its own start. */
  private readonly latest = new BoundedMap<string, NewestTour>(MEMORY);

  constructor(
    private readonly engine: AnswerEngine,
    private readonly store: BotStore,
    private readonly logger: Logger,
  ) {}

  /** Posts a new tour card at `step`; a council without a tour is told to browse topics instead. */
  async start(context: TurnContext, council: string, step: number): Promise<void> {
    const pack = this.engine.pack(council);
    const tour = randomUUID();
    const stop = tourCard(pack, step, tour);
    if (!stop) return void (await context.sendActivity(pack.overview ? messages.unknownEntry : messages.noTour));
    const conversation = context.activity.conversation?.id ?? '';
    const previous = await this.newest(conversation);
    const sent = await context.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(stop)] });
    const newest = { tour, messageId: sent?.id };
    this.latest.set(conversation, newest);
    if (conversation) this.store.setNewestTour(conversation, newest);
    if (!previous?.messageId) return;
    await context.updateActivity({ type: ActivityTypes.Message, id: previous.messageId, attachments: [CardFactory.adaptiveCard(inertTourCard())] }).catch((error: unknown) => {
      this.logger.warn({ event: 'tour-card-not-updated', reason: (error as Error).name }, 'older tour card left as it was');
    });
  }

  /** Back or Next: the card that replaces the pressed one, or undefined for a step or council that is not one. */
  async move(context: TurnContext, step: TourStep): Promise<InvokeResponse | undefined> {
    if (!this.engine.councilIds().includes(step.council)) return undefined;
    const newest = await this.newest(context.activity.conversation?.id ?? '');
    if (newest && newest.tour !== step.tour) return cardResponse(inertTourCard());
    const stop = tourCard(this.engine.pack(step.council), step.step, step.tour);
    return stop ? cardResponse(stop) : undefined;
  }

  /**
   * The conversation's newest tour: the store's, when it answers in time (another instance may have started
   * one since this instance's own), else the newest this instance knows of.
   */
  private async newest(conversation: string): Promise<NewestTour | undefined> {
    const stored = conversation ? await readInTime(this.store, this.logger, 'tour-unread', () => this.store.newestTour(conversation)) : undefined;
    if (!stored) return this.latest.get(conversation);
    this.latest.set(conversation, stored);
    return stored;
  }
}

const cardResponse = (card: AdaptiveCard): InvokeResponse => ({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } });
