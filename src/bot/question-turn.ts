import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { contextOf, EngineError, type AnswerEngine, type EngineResult, type FollowUpContext } from '../engine/index.js';
import { messages } from '../messages.js';
import { describeError } from '../store/errors.js';
import { redact } from '../store/redact.js';
import type { HelpdeskAnswer } from '../store/helpdesk-answers.js';
import type { BotStore, QuestionRecord, Scope } from '../store/store.js';
import type { CouncilChoice } from './council-choice.js';
import type { FollowUpMemory } from './follow-up-memory.js';
import type { RateLimiter } from './rate-limit.js';
import type { ResultReplies } from './result-replies.js';
import type { ServedAnswers } from './served-answers.js';

interface Deps {
  engine: AnswerEngine;
  store: BotStore;
  logger: Logger;
  councils: CouncilChoice;
  rate: RateLimiter;
  followUps: FollowUpMemory;
  replies: ResultReplies;
  /** Approved helpdesk answers, given when no procedure answers; only where a helpdesk is set. */
  served: ServedAnswers | undefined;
}

/** What is recorded of every question, whichever way it is answered. */
type AskedRecord = Omit<QuestionRecord, 'status'>;

/**
 * Answers a question typed to the bot (or one a card asks for it): within the conversation's rate, read in the
 * light of its last answer, logged without what was typed, recorded, and answered by a procedure or, when none
 * answers, by an approved helpdesk answer to a question like it.
 */
export class QuestionTurn {
  constructor(private readonly deps: Deps) {}

  /** `chosen`: the council a card named; otherwise the conversation's. */
  async answer(context: TurnContext, question: string, chosen?: string): Promise<void> {
    const { engine, store, logger, followUps } = this.deps;
    const council = chosen ?? (await this.deps.councils.councilFor(context.activity));
    if (!this.deps.rate.allow(context.activity.conversation?.id ?? '')) {
      logger.warn({ event: 'rate-limited', council }, 'a conversation asked too fast');
      return void (await context.sendActivity(messages.slowDown));
    }
    await context.sendActivity({ type: ActivityTypes.Typing });
    const conversationId = context.activity.conversation?.id ?? '';
    // "and for supported living?": read in the light of the conversation's last answer (follow-up.ts).
    const after = await followUps.contextFor(conversationId, council);
    const result = await this.ask(context, question, council, after);
    if (!result) return;
    this.log(question, council, result);
    const knows = (word: string) => engine.knowsWord(council, word);
    const record: AskedRecord = {
      council,
      scope: scopeOf(context.activity),
      confidence: result.confidence,
      text: question,
      knows,
      conversationId,
    };
    // When no procedure answers, an approved helpdesk answer to a question like it does, labelled as such.
    const served = result.status === 'clarify' || result.status === 'no_match' ? this.deps.served?.find(question, council) : undefined;
    if (served) return this.helpdeskAnswer(context, served, record, result.status);
    const questionId = store.recordQuestion({
      ...record,
      status: result.status,
      reason: result.reason,
      entryId: result.entry?.id,
      passage: result.passage?.quote,
      notCovered: result.notCovered,
      options: result.status === 'clarify' ? result.options.map((e) => e.id) : undefined,
    });
    await this.deps.replies.send(context, result, questionId);
    // Remembered as the store keeps it (redacted), so every instance reads a follow-up the same way.
    // (A typed reply to a "which one?" is kept with the question it replied to: "home care" alone asks nothing.)
    const asked = after.among && after.asked && result.readWith ? `${after.asked} ${question}` : question;
    const kept = contextOf(result, redact(asked, knows));
    if (kept.after || kept.among) followUps.remember(conversationId, { council, entryId: kept.after, options: kept.among, question: kept.asked });
  }

  /** The engine's result, or undefined once the asker has been told why the question cannot be read. */
  private async ask(context: TurnContext, question: string, council: string, after: Partial<FollowUpContext>): Promise<EngineResult | undefined> {
    try {
      return this.deps.engine.ask(question, council, after);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      switch (error.code) {
        case 'empty-question':
          return void (await context.sendActivity(messages.emptyQuestion));
        case 'question-too-long':
          return void (await context.sendActivity(messages.tooLong));
        default:
          throw error;
      }
    }
  }

  private log(question: string, council: string, result: EngineResult): void {
    this.deps.logger.info(
      {
        event: 'question',
        council,
        status: result.status,
        entryId: result.entry?.id,
        confidence: result.confidence,
        // What a follow-up was read with (pack words, or an earlier question as the store keeps it), blanked
        // as the question is: never what was typed raw.
        readWith: result.readWith?.map((text) => this.deps.engine.redact(text, council)),
        // Words the pack does not know (names, addresses…) are blanked: never log what was typed raw.
        redacted: result.status === 'no_match' ? this.deps.engine.redact(question, council) : undefined,
      },
      'question answered',
    );
    this.deps.logger.debug({ event: 'question-text', question }, 'question text');
  }

  private async helpdeskAnswer(context: TurnContext, served: HelpdeskAnswer, record: AskedRecord, status: EngineResult['status']): Promise<void> {
    const { store, logger } = this.deps;
    logger.info({ event: 'helpdesk-answer-given', council: record.council, answerId: served.id, status }, 'answered from an approved helpdesk answer');
    const questionId = store.recordQuestion({ ...record, status: 'helpdesk', reason: 'helpdesk-answer', helpdeskAnswerId: served.id });
    // The asker's wording is kept with the answer: one more way it will be found (redacted by the store).
    store.helpdeskAnswers.addWording(served.id, record.text, record.knows).catch((error: unknown) => {
      logger.warn({ event: 'helpdesk-answer-wording-unsaved', ...describeError(error) }, 'a wording of a helpdesk answer not kept');
    });
    return this.deps.replies.helpdeskAnswer(context, served, questionId);
  }
}

function scopeOf(activity: Activity): Scope {
  const type = activity.conversation?.conversationType;
  return type === 'channel' ? 'channel' : type === 'groupChat' ? 'group' : 'personal';
}
