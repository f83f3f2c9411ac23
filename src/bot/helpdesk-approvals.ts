import type { InvokeResponse, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { AnswerEngine } from '../engine/index.js';
import { messages } from '../messages.js';
import { describeError } from '../store/errors.js';
import type { HelpdeskAnswer } from '../store/helpdesk-answers.js';
import type { BotStore } from '../store/store.js';
import type { AdaptiveCard } from './cards/adaptive.js';
import { approvalCard, dislikedAnswerCard } from './cards/helpdesk-answer-cards.js';
import type { ApprovalAction } from './helpdesk-actions.js';
import { cardActivity, cardResponse, textResponse } from './invoke-replies.js';

const m = messages.helpdeskAnswers;

interface Deps {
  store: BotStore;
  engine: AnswerEngine;
  logger: Logger;
  /** Each council's helpdesk leads, by Microsoft Entra object id. */
  approvers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Posts a card to the council's helpdesk channel; rejects when it cannot. */
  post(council: string, card: AdaptiveCard): Promise<void>;
}

/** What a helpdesk member put forward with "Add to the bot's answers". */
export interface Proposal {
  council: string;
  question: string;
  wording: string;
  answer: string;
  entryId?: string | undefined;
  escalationId: string;
  proposedBy: string;
}

/**
 * Helpdesk answers on their way into the bot's answers: put forward by any helpdesk member, approved, edited,
 * rejected or retired by the council's helpdesk leads only, from cards in the helpdesk channel.
 */
export class HelpdeskApprovals {
  constructor(private readonly deps: Deps) {}

  /** Keeps the proposal and posts its approval card to the channel; false when either failed. */
  async propose(p: Proposal): Promise<boolean> {
    try {
      const answer = await this.deps.store.helpdeskAnswers.propose({ ...p, knows: this.knows(p.council) });
      await this.deps.post(p.council, approvalCard(answer, this.councilName(p.council)));
      this.deps.logger.info({ event: 'helpdesk-answer-proposed', answerId: answer.id, council: p.council }, 'helpdesk answer put to the leads');
      return true;
    } catch (error) {
      this.deps.logger.error({ event: 'helpdesk-answer-not-proposed', ...describeError(error) }, 'helpdesk answer not put to the leads');
      return false;
    }
  }

  /** A press on an approval card by someone in the helpdesk team. */
  async onAction(context: TurnContext, action: ApprovalAction): Promise<InvokeResponse> {
    const { verb, data } = action;
    const leads = this.deps.approvers.get(data.council);
    const who = context.activity.from?.aadObjectId;
    if (!who || !leads?.has(who)) {
      this.deps.logger.warn({ event: 'helpdesk-answer-refused', verb, council: data.council }, 'an approval card pressed by someone who is not a lead');
      return textResponse(m.onlyLeads);
    }
    const answers = this.deps.store.helpdeskAnswers;
    const current = await answers.get(data.answerId);
    if (!current || current.council !== data.council) return textResponse(m.gone);
    const name = context.activity.from?.name || 'a helpdesk lead';
    let changed: HelpdeskAnswer | undefined;
    switch (verb) {
      case 'helpdesk/approve':
        changed = await answers.approve(current.id, data.version, name);
        break;
      case 'helpdesk/reject':
        changed = await answers.reject(current.id, data.version);
        break;
      case 'helpdesk/retire':
        changed = await answers.retire(current.id, data.version);
        break;
      case 'helpdesk/edit': {
        const question = data.question?.trim();
        const answer = data.answer?.trim();
        if (!question || !answer) return textResponse(m.emptyEdit);
        changed = await answers.edit(current.id, data.version, { question, answer, knows: this.knows(data.council) });
        break;
      }
    }
    if (!changed) {
      // Pressed on a card older than the answer (another lead, another instance): show it as it now is.
      const now = (await answers.get(current.id)) ?? current;
      await this.redraw(context, approvalCard(now, this.councilName(now.council)));
      return textResponse(m.changed);
    }
    this.deps.logger.info({ event: 'helpdesk-answer-changed', verb, answerId: changed.id, council: changed.council, version: changed.version }, 'helpdesk answer changed by a lead');
    const card = approvalCard(changed, this.councilName(changed.council));
    await this.redraw(context, card);
    return cardResponse(card);
  }

  /** A practitioner gave an approved answer a thumbs down: the helpdesk sees it, with Retire and Edit. */
  async flagDisliked(answerId: string, comment: string | undefined): Promise<void> {
    try {
      const answer = await this.deps.store.helpdeskAnswers.get(answerId);
      if (!answer) return;
      await this.deps.post(answer.council, dislikedAnswerCard(answer, this.councilName(answer.council), comment));
      this.deps.logger.info({ event: 'helpdesk-answer-disliked', answerId, council: answer.council }, 'a disliked helpdesk answer flagged to the helpdesk');
    } catch (error) {
      this.deps.logger.warn({ event: 'helpdesk-answer-dislike-not-flagged', answerId, ...describeError(error) }, 'a disliked helpdesk answer was not flagged');
    }
  }

  /** The invoke's reply redraws the card for whoever pressed; the update redraws it for everyone else. */
  private async redraw(context: TurnContext, card: AdaptiveCard): Promise<void> {
    const cardId = context.activity.replyToId;
    if (!cardId) return;
    await context.updateActivity({ ...cardActivity(card), id: cardId }).catch((error: unknown) => {
      this.deps.logger.warn({ event: 'helpdesk-card-not-updated', ...describeError(error) }, 'approval card not redrawn for everyone');
    });
  }

  private knows(council: string) {
    return (word: string) => this.deps.engine.knowsWord(council, word);
  }

  private councilName(council: string): string {
    return this.deps.engine.councilIds().includes(council) ? this.deps.engine.pack(council).name : council;
  }
}
