import { ActivityTypes, TeamsActivityHandler, TurnContext, type Activity, type InvokeResponse, type MessagingExtensionQuery, type MessagingExtensionResponse } from 'botbuilder';
import type { Logger } from 'pino';
import type { HelpdeskTarget } from '../config.js';
import { contextOf, EngineError, type AnswerEngine, type EngineResult } from '../engine/index.js';
import { messages } from '../messages.js';
import { describeError } from '../store/errors.js';
import type { AnsweredMessage, BotStore, Scope } from '../store/store.js';
import { cardActionSchema, tourActionSchema, type ParsedCardAction } from './card-actions.js';
import { topicCard, topicsCard } from './cards/choice-cards.js';
import { dislikedCard } from './cards/helpdesk-cards.js';
import { welcomeCard } from './cards/welcome-card.js';
import { ConversationState } from './conversation-state.js';
import { FollowUpMemory } from './follow-up-memory.js';
import { redact } from '../store/redact.js';
import { CouncilChoice } from './council-choice.js';
import { parseFeedbackInvoke, recordFeedback } from './feedback-invoke.js';
import { parseSearchQuery, searchProcedures } from './procedure-search.js';
import { Helpdesk, type ProactiveSender } from './helpdesk.js';
import { RateLimiter } from './rate-limit.js';
import { ResultReplies } from './result-replies.js';
import { ServedAnswers } from './served-answers.js';
import { sendCard } from './send-card.js';
import { Tours } from './tour.js';
import { withDeadline } from '../util/deadline.js';

export interface BotOptions {
  engine: AnswerEngine;
  defaultCouncil: string;
  /** Teams tenant id → council, for deployments serving several councils. */
  tenantCouncils: ReadonlyMap<string, string>;
  /** Questions one conversation may ask per minute. */
  rateLimitPerMinute?: number;
  /** Where questions, answers, feedback and conversation settings are kept (shared by every instance). */
  store: BotStore;
  /** Each council's helpdesk team and leads, how to post to a stored conversation, and how often approved
   * helpdesk answers are read from the store; no targets, no helpdesk. */
  helpdesk?:
    | { targets: ReadonlyMap<string, HelpdeskTarget>; approvers?: ReadonlyMap<string, ReadonlySet<string>>; sender: ProactiveSender; answersRefreshMs?: number }
    | undefined;
  logger: Logger;
}

const MEMORY = 10_000;
/** How long a thumbs-down's helpdesk offer waits for the question's stored text. */
const QUESTION_LOOKUP_MS = 1000;
const DEFAULT_RATE_LIMIT = 30;
const DEFAULT_ANSWERS_REFRESH_MS = 15_000;

function badCardAction(): InvokeResponse {
  return {
    status: 400,
    body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'unknown card action' } },
  };
}

/** Answers in personal chat, and in group chats and channels when @mentioned. */
export class ProceduresBot extends TeamsActivityHandler {
  private readonly councils: CouncilChoice;
  private readonly state: ConversationState;
  private readonly helpdesk: Helpdesk;
  // Per instance on purpose: a limit shared through the database would make every answer wait on it.
  private readonly rate: RateLimiter;
  private readonly replies: ResultReplies;
  private readonly followUps: FollowUpMemory;
  /** Approved helpdesk answers, given when no procedure answers; only where a helpdesk is set. */
  private readonly served: ServedAnswers | undefined;
  private readonly tours: Tours;

  constructor(private readonly options: BotOptions) {
    super();
    this.state = new ConversationState(options.store, options.logger);
    this.followUps = new FollowUpMemory(options.store, options.logger);
    this.helpdesk = new Helpdesk({
      store: options.store,
      engine: options.engine,
      logger: options.logger,
      targets: options.helpdesk?.targets ?? new Map(),
      approvers: options.helpdesk?.approvers ?? new Map(),
      sender: options.helpdesk?.sender ?? { send: () => Promise.reject(new Error('no proactive sender')) },
    });
    this.tours = new Tours(options.engine, options.store, options.logger);
    this.replies = new ResultReplies(options.engine, options.store, this.helpdesk, options.logger);
    if (options.helpdesk && options.helpdesk.targets.size > 0) {
      this.served = new ServedAnswers(options.store, options.engine, options.logger, options.helpdesk.answersRefreshMs ?? DEFAULT_ANSWERS_REFRESH_MS);
      this.served.start();
    }
    this.councils = new CouncilChoice(options.engine, this.state, options.defaultCouncil, options.tenantCouncils);
    this.rate = new RateLimiter(options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT, MEMORY);
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const added = context.activity.membersAdded ?? [];
      if (added.some((m) => m.id === context.activity.recipient?.id)) await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    this.helpdesk.learn(context.activity);
    await super.run(context);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    // Universal Actions: only the helpdesk card sends them; anything else gets Teams' error shape (the SDK's
    // own handler throws on a value without an action).
    if (context.activity.name === 'adaptiveCard/action') {
      const step = tourActionSchema.safeParse(context.activity.value);
      if (step.success) return (await this.tours.move(context, step.data.action.data)) ?? badCardAction();
      return (await this.helpdesk.onAction(context)) ?? badCardAction();
    }
    if (context.activity.name !== 'message/submitAction') return super.onInvokeActivity(context);
    const feedback = parseFeedbackInvoke(context.activity.value);
    if (!feedback) return { status: 400 };
    const about = await recordFeedback(context, feedback, {
      store: this.options.store,
      logger: this.options.logger,
      councilOf: (activity) => this.councils.councilFor(activity),
      knows: (council, word) => this.options.engine.knowsWord(council, word),
    });
    if (feedback.reaction === 'dislike' && about?.entryId) await this.offerAfterDislike(context, about, feedback.comment);
    if (feedback.reaction === 'dislike' && about?.helpdeskAnswerId) await this.helpdesk.approvals.flagDisliked(about.helpdeskAnswerId, feedback.comment);
    return { status: 200, body: {} };
  }

  /** The compose-box search (message extension): the council is the chat's, or the tenant's. */
  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    const search = parseSearchQuery(query);
    if (!search) {
      this.options.logger.warn({ event: 'bad-search' }, 'search query not understood');
      // TeamsActivityHandler answers an error with this exact message with a 400 invoke response.
      throw new Error('BadRequest');
    }
    const council = await this.councils.councilFor(context.activity);
    const response = searchProcedures(this.options.engine, council, search);
    this.options.logger.info({ event: 'search', council, results: response.composeExtension?.attachments?.length ?? 0 }, 'procedures searched');
    return response;
  }

  /** After a thumbs-down on an answer: the helpdesk, with what was asked (as stored) already in the box. */
  private async offerAfterDislike(context: TurnContext, about: AnsweredMessage, comment: string | undefined): Promise<void> {
    // Bounded: while the store is still opening (initdb can take seconds) the box starts empty, the press is answered.
    const question = about.questionId ? await withDeadline(this.options.store.questionText(about.questionId), QUESTION_LOOKUP_MS).catch(() => undefined) : undefined;
    const ask = await this.helpdesk.offer({
      council: about.council,
      botStatus: 'disliked',
      question,
      detail: comment,
      entryId: about.entryId ?? undefined,
      questionId: about.questionId ?? undefined,
    });
    if (ask) await sendCard(context, dislikedCard(ask));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.value !== undefined && activity.value !== null) return this.handleCardAction(context, activity.value);
    const text = this.questionText(activity);
    if (text === undefined) return;
    const switched = await this.councils.switchRequest(activity, text);
    if (switched) return void (await context.sendActivity(switched));
    const [command, ...rest] = text.split(/\s+/);
    switch (command?.toLowerCase()) {
      case 'help':
        if (rest.length === 0) return sendCard(context, welcomeCard(await this.pack(context)));
        break;
      case 'topics':
        if (rest.length === 0) return sendCard(context, topicsCard(await this.pack(context)));
        break;
      case 'tour':
        if (rest.length === 0) return this.tours.start(context, (await this.pack(context)).council, 0);
        break;
      case 'council':
        return void (await context.sendActivity(await this.councils.choose(activity, rest.join(' '))));
    }
    await this.answerQuestion(context, text);
  }

  /** The question text, or undefined when the message is not for the bot (unmentioned in a group). */
  private questionText(activity: Activity): string | undefined {
    const scope = activity.conversation?.conversationType;
    if (scope === 'groupChat' || scope === 'channel') {
      // The SDK's removeRecipientMention fails the turn on a message with no text or a mention with none.
      const mine = TurnContext.getMentions(activity).filter((m) => m.mentioned?.id === activity.recipient?.id);
      if (mine.length === 0) return undefined;
      return clean(mine.reduce((text, m) => (typeof m.text === 'string' && m.text ? text.replace(m.text, '') : text), activity.text ?? ''));
    }
    return clean(activity.text ?? '');
  }

  private async answerQuestion(context: TurnContext, question: string, chosen?: string): Promise<void> {
    const council = chosen ?? (await this.councils.councilFor(context.activity));
    if (!this.rate.allow(context.activity.conversation?.id ?? '')) {
      this.options.logger.warn({ event: 'rate-limited', council }, 'a conversation asked too fast');
      return void (await context.sendActivity(messages.slowDown));
    }
    await context.sendActivity({ type: ActivityTypes.Typing });
    const conversationId = context.activity.conversation?.id ?? '';
    // "and for supported living?": read in the light of the conversation's last answer (follow-up.ts).
    const after = await this.followUps.contextFor(conversationId, council);
    let result: EngineResult;
    try {
      result = this.options.engine.ask(question, council, after);
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
    this.options.logger.info(
      {
        event: 'question',
        council,
        status: result.status,
        entryId: result.entry?.id,
        confidence: result.confidence,
        // Pack words only (a service, an action), never the question's own.
        readWith: result.readWith,
        // Words the pack does not know (names, addresses…) are blanked: never log what was typed raw.
        redacted: result.status === 'no_match' ? this.options.engine.redact(question, council) : undefined,
      },
      'question answered',
    );
    this.options.logger.debug({ event: 'question-text', question }, 'question text');
    const knows = (word: string) => this.options.engine.knowsWord(council, word);
    const record = {
      council,
      scope: scopeOf(context.activity),
      confidence: result.confidence,
      text: question,
      knows,
      conversationId,
    };
    // When no procedure answers, an approved helpdesk answer to a question like it does, labelled as such.
    const served = result.status === 'clarify' || result.status === 'no_match' ? this.served?.find(question, council) : undefined;
    if (served) {
      this.options.logger.info({ event: 'helpdesk-answer-given', council, answerId: served.id, status: result.status }, 'answered from an approved helpdesk answer');
      const questionId = this.options.store.recordQuestion({ ...record, status: 'helpdesk', reason: 'helpdesk-answer', helpdeskAnswerId: served.id });
      // The asker's wording is kept with the answer: one more way it will be found (redacted by the store).
      this.options.store.helpdeskAnswers.addWording(served.id, question, knows).catch((error: unknown) => {
        this.options.logger.warn({ event: 'helpdesk-answer-wording-unsaved', ...describeError(error) }, 'a wording of a helpdesk answer not kept');
      });
      return this.replies.helpdeskAnswer(context, served, questionId);
    }
    const questionId = this.options.store.recordQuestion({
      ...record,
      status: result.status,
      reason: result.reason,
      entryId: result.entry?.id,
      passage: result.passage?.quote,
      notCovered: result.notCovered,
      options: result.status === 'clarify' ? result.options.map((e) => e.id) : undefined,
    });
    await this.replies.send(context, result, questionId);
    // Remembered as the store keeps it (redacted), so every instance reads a follow-up the same way.
    const kept = contextOf(result);
    if (kept.after || kept.among) this.followUps.remember(conversationId, { council, entryId: kept.after, options: kept.among, question: redact(question, knows) });
  }

  private async handleCardAction(context: TurnContext, value: unknown): Promise<void> {
    const parsed = cardActionSchema.safeParse(value);
    if (!parsed.success || !this.options.engine.councilIds().includes(parsed.data.council)) {
      this.options.logger.warn({ event: 'bad-card-action' }, 'card action not understood');
      return void (await context.sendActivity(messages.unknownEntry));
    }
    const action: ParsedCardAction = parsed.data;
    const pack = this.options.engine.pack(action.council);
    switch (action.action) {
      case 'answer': {
        const entry = this.options.engine.entry(action.council, action.id);
        if (!entry) return void (await context.sendActivity(messages.unknownEntry));
        // A "which one?" choice: the same answer box as a typed question that went straight to it.
        const passage = action.question ? this.options.engine.passageFor(action.question, action.council, entry.id) : undefined;
        await this.replies.answer(context, entry, { ...(passage ? { passage } : {}), questionId: action.questionId });
        const asked = action.question ? redact(action.question, (word) => this.options.engine.knowsWord(action.council, word)) : undefined;
        return this.followUps.remember(context.activity.conversation?.id ?? '', { council: action.council, entryId: entry.id, question: asked });
      }
      case 'none':
        return this.replies.notFound(context, { council: action.council, question: action.question, questionId: action.questionId });
      case 'ask':
        return this.answerQuestion(context, action.question, action.council);
      case 'topics':
        return sendCard(context, topicsCard(pack));
      case 'escalate':
        return this.helpdesk.escalate(context, action);
      case 'topic': {
        const topic = topicCard(pack, action.service);
        if (!topic) return void (await context.sendActivity(messages.unknownEntry));
        return sendCard(context, topic);
      }
      case 'tour':
        return this.tours.start(context, action.council, action.step);
    }
  }

  private async welcome(context: TurnContext): Promise<void> {
    const id = context.activity.conversation?.id;
    if (!id || (await this.state.get(id)).welcomed) return;
    this.state.markWelcomed(id);
    if (this.helpdesk.isHelpdeskTeam(context.activity)) return void (await context.sendActivity(messages.helpdesk.channelWelcome));
    await sendCard(context, welcomeCard(await this.pack(context)));
  }

  private pack(context: TurnContext) {
    return this.councils.packFor(context.activity);
  }
}

function scopeOf(activity: Activity): Scope {
  const type = activity.conversation?.conversationType;
  return type === 'channel' ? 'channel' : type === 'groupChat' ? 'group' : 'personal';
}

/** Teams wraps text in non-breaking spaces and sometimes HTML entities around mentions. */
function clean(text: string): string {
  return text.replace(/&nbsp;|\u00a0/g, ' ').trim();
}
