import type { InvokeResponse, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { AnswerEngine } from '../engine/index.js';
import type { AnsweredMessage, BotStore } from '../store/store.js';
import { withDeadline } from '../util/deadline.js';
import { dislikedCard } from './cards/helpdesk-cards.js';
import type { CouncilChoice } from './council-choice.js';
import { parseFeedbackInvoke, recordFeedback } from './feedback-invoke.js';
import type { Helpdesk } from './helpdesk.js';
import { sendCard } from './send-card.js';

/** How long a thumbs-down's helpdesk offer waits for the question's stored text. */
const QUESTION_LOOKUP_MS = 1000;

interface Deps {
  engine: AnswerEngine;
  store: BotStore;
  logger: Logger;
  councils: CouncilChoice;
  helpdesk: Helpdesk;
}

/**
 * Thumbs pressed under a reply (a `message/submitAction` invoke), kept against what the reply answered. A
 * thumbs-down on a procedure's answer offers the helpdesk; on an approved helpdesk answer, it shows the helpdesk
 * that answer again, to retire or edit.
 */
export class FeedbackTurn {
  constructor(private readonly deps: Deps) {}

  async run(context: TurnContext): Promise<InvokeResponse> {
    const { engine, helpdesk } = this.deps;
    const feedback = parseFeedbackInvoke(context.activity.value);
    if (!feedback) return { status: 400 };
    const about = await recordFeedback(context, feedback, {
      store: this.deps.store,
      logger: this.deps.logger,
      councilOf: (activity) => this.deps.councils.councilFor(activity),
      knows: (council, word) => engine.knowsWord(council, word),
    });
    if (feedback.reaction === 'dislike' && about?.entryId) await this.offerAfterDislike(context, about, feedback.comment);
    if (feedback.reaction === 'dislike' && about?.helpdeskAnswerId) await helpdesk.approvals.flagDisliked(about.helpdeskAnswerId, feedback.comment);
    return { status: 200, body: {} };
  }

  /** After a thumbs-down on an answer: the helpdesk, with what was asked (as stored) already in the box. */
  private async offerAfterDislike(context: TurnContext, about: AnsweredMessage, comment: string | undefined): Promise<void> {
    // Bounded: while the store is still opening (initdb can take seconds) the box starts empty, the press is answered.
    const question = about.questionId ? await withDeadline(this.deps.store.questionText(about.questionId), QUESTION_LOOKUP_MS).catch(() => undefined) : undefined;
    const ask = await this.deps.helpdesk.offer({
      council: about.council,
      botStatus: 'disliked',
      question,
      detail: comment,
      entryId: about.entryId ?? undefined,
      questionId: about.questionId ?? undefined,
    });
    if (ask) await sendCard(context, dislikedCard(ask));
  }
}
