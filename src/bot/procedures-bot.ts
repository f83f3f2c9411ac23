import { ActivityTypes, CardFactory, TeamsActivityHandler, TurnContext, type Activity, type Attachment, type InvokeResponse } from 'botbuilder';
import type { Logger } from 'pino';
import { EngineError, type AnswerEngine, type EngineResult } from '../engine/index.js';
import type { Entry } from '../knowledge/types.js';
import { messages } from '../messages.js';
import { BoundedMap } from './bounded-map.js';
import { cardActionSchema, type CardAction } from './card-actions.js';
import type { AdaptiveCard } from './cards/adaptive.js';
import { answerCard, type AnswerFocus } from './cards/answer-card.js';
import { clarifyCard, suggestionsCard, topicCard, topicsCard } from './cards/choice-cards.js';
import { smalltalkCard, welcomeCard } from './cards/welcome-card.js';
import { CouncilChoice } from './council-choice.js';
import { parseFeedbackInvoke, recordFeedback } from './feedback-invoke.js';
import { RateLimiter } from './rate-limit.js';
import type { BotStore, Scope } from '../store/store.js';
import { ConversationState } from './conversation-state.js';

export interface BotOptions {
  engine: AnswerEngine;
  defaultCouncil: string;
  /** Teams tenant id → council, for deployments serving several councils. */
  tenantCouncils: ReadonlyMap<string, string>;
  /** Questions one conversation may ask per minute. */
  rateLimitPerMinute?: number;
  /** Where questions, answers, feedback and conversation settings are kept (shared by every instance). */
  store: BotStore;
  logger: Logger;
}

const MEMORY = 10_000;
const DEFAULT_RATE_LIMIT = 30;

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
  // Per instance on purpose: a limit shared through the database would make every answer wait on it.
  private readonly rate: RateLimiter;
  // Answer cards only change on restart: build each once.
  private readonly answerCards = new BoundedMap<string, Attachment>(MEMORY);

  constructor(private readonly options: BotOptions) {
    super();
    this.state = new ConversationState(options.store, options.logger);
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

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    // Universal Actions: the SDK throws on a value without an action; no card of this bot sends one yet, so
    // every such invoke gets Teams' error shape instead of an exception.
    if (context.activity.name === 'adaptiveCard/action') return badCardAction();
    if (context.activity.name !== 'message/submitAction') return super.onInvokeActivity(context);
    const feedback = parseFeedbackInvoke(context.activity.value);
    if (!feedback) return { status: 400 };
    await recordFeedback(context, feedback, {
      store: this.options.store,
      logger: this.options.logger,
      councilOf: (activity) => this.councils.councilFor(activity),
      knows: (council, word) => this.options.engine.knowsWord(council, word),
    });
    return { status: 200, body: {} };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.value !== undefined && activity.value !== null) return this.handleCardAction(context, activity.value);
    const text = this.questionText(activity);
    if (text === undefined) return;
    const [command, ...rest] = text.split(/\s+/);
    switch (command?.toLowerCase()) {
      case 'help':
        if (rest.length === 0) return this.sendCard(context, welcomeCard(await this.pack(context)));
        break;
      case 'topics':
        if (rest.length === 0) return this.sendCard(context, topicsCard(await this.pack(context)));
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
      const mentioned = TurnContext.getMentions(activity).some((m) => m.mentioned?.id === activity.recipient?.id);
      if (!mentioned) return undefined;
      return clean(TurnContext.removeRecipientMention(activity) ?? '');
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
    let result: EngineResult;
    try {
      result = this.options.engine.ask(question, council);
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
        // Words the pack does not know (names, addresses…) are blanked: never log what was typed raw.
        redacted: result.status === 'no_match' ? this.options.engine.redact(question, council) : undefined,
      },
      'question answered',
    );
    this.options.logger.debug({ event: 'question-text', question }, 'question text');
    const questionId = this.options.store.recordQuestion({
      council,
      scope: scopeOf(context.activity),
      status: result.status,
      reason: result.reason,
      entryId: result.entry?.id,
      confidence: result.confidence,
      passage: result.passage?.quote,
      notCovered: result.notCovered,
      text: question,
      knows: (word) => this.options.engine.knowsWord(council, word),
      conversationId: context.activity.conversation?.id ?? '',
    });
    await this.sendResult(context, result, questionId);
  }

  private async sendResult(context: TurnContext, result: EngineResult, questionId: string): Promise<void> {
    if (result.status === 'answered' && result.entry) return this.sendAnswer(context, result.entry, { ...result, questionId });
    if (result.status === 'clarify') return this.sendCard(context, clarifyCard(result.options));
    const pack = this.options.engine.pack(result.council);
    if (result.status === 'smalltalk') return this.sendCard(context, smalltalkCard(pack, result.smalltalk ?? 'greeting'));
    const notFound = result.notCovered
      ? messages.notCovered(this.options.engine.topicLabel(result.council, result.notCovered), pack.name)
      : messages.noMatch(pack.name);
    const text = `${notFound} ${messages.askInstead(pack.askInstead)}`;
    const attachments = result.options.length > 0 ? [CardFactory.adaptiveCard(suggestionsCard(result.options))] : [];
    await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain', attachments });
  }

  private async sendAnswer(context: TurnContext, entry: Entry, focus: AnswerFocus & { questionId?: string } = {}): Promise<void> {
    // A card depends on its entry, the sentence that answered and the entries saying the same: a bounded set.
    const key = `${entry.council}/${entry.id}|${focus.passage?.quote ?? ''}|${(focus.alsoFor ?? []).map((e) => e.id).join(',')}`;
    let attachment = this.answerCards.get(key);
    if (!attachment) {
      const related = entry.related.flatMap((id) => this.options.engine.entry(entry.council, id) ?? []);
      attachment = CardFactory.adaptiveCard(answerCard(entry, related, focus));
      this.answerCards.set(key, attachment);
    }
    const response = await context.sendActivity({
      type: ActivityTypes.Message,
      attachments: [attachment],
      channelData: { feedbackLoopEnabled: true },
    });
    // Kept by message id so that a thumbs press on it, through any instance, finds its entry and question.
    if (response?.id) {
      this.options.store.recordAnswerMessage({
        messageId: response.id,
        questionId: focus.questionId,
        council: entry.council,
        entryId: entry.id,
        conversationId: context.activity.conversation?.id ?? '',
      });
    }
    this.options.logger.debug({ event: 'answer-sent', messageId: response?.id, entryId: entry.id }, 'answer sent');
  }

  private async handleCardAction(context: TurnContext, value: unknown): Promise<void> {
    const parsed = cardActionSchema.safeParse(value);
    if (!parsed.success || !this.options.engine.councilIds().includes(parsed.data.council)) {
      this.options.logger.warn({ event: 'bad-card-action' }, 'card action not understood');
      return void (await context.sendActivity(messages.unknownEntry));
    }
    const action: CardAction = parsed.data;
    const pack = this.options.engine.pack(action.council);
    switch (action.action) {
      case 'answer': {
        const entry = this.options.engine.entry(action.council, action.id);
        if (!entry) return void (await context.sendActivity(messages.unknownEntry));
        return this.sendAnswer(context, entry);
      }
      case 'ask':
        return this.answerQuestion(context, action.question, action.council);
      case 'topics':
        return this.sendCard(context, topicsCard(pack));
      case 'topic': {
        const topic = topicCard(pack, action.service);
        if (!topic) return void (await context.sendActivity(messages.unknownEntry));
        return this.sendCard(context, topic);
      }
    }
  }

  private async welcome(context: TurnContext): Promise<void> {
    const id = context.activity.conversation?.id;
    if (!id || (await this.state.get(id)).welcomed) return;
    this.state.markWelcomed(id);
    await this.sendCard(context, welcomeCard(await this.pack(context)));
  }

  private pack(context: TurnContext) {
    return this.councils.packFor(context.activity);
  }

  private async sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
    await context.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] });
  }
}

/** Teams wraps text in non-breaking spaces and sometimes HTML entities around mentions. */
function scopeOf(activity: Activity): Scope {
  const type = activity.conversation?.conversationType;
  return type === 'channel' ? 'channel' : type === 'groupChat' ? 'group' : 'personal';
}

function clean(text: string): string {
  return text.replace(/&nbsp;|\u00a0/g, ' ').trim();
}
