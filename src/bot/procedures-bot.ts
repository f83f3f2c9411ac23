import { TeamsActivityHandler, TurnContext, type Activity, type InvokeResponse, type MessagingExtensionQuery, type MessagingExtensionResponse } from 'botbuilder';
import type { Logger } from 'pino';
import type { HelpdeskTarget } from '../config.js';
import type { AnswerEngine } from '../engine/index.js';
import { messages } from '../messages.js';
import type { BotStore } from '../store/store.js';
import { CardActionTurn } from './card-action-turn.js';
import { tourActionSchema } from './card-actions.js';
import { welcomeCard } from './cards/welcome-card.js';
import { CommandTurn } from './command-turn.js';
import { ConversationState } from './conversation-state.js';
import { CouncilChoice } from './council-choice.js';
import { FeedbackTurn } from './feedback-turn.js';
import { FollowUpMemory } from './follow-up-memory.js';
import { Helpdesk, type ProactiveSender } from './helpdesk.js';
import { badCardActionResponse } from './invoke-replies.js';
import { parseSearchQuery, searchProcedures } from './procedure-search.js';
import { QuestionTurn } from './question-turn.js';
import { RateLimiter } from './rate-limit.js';
import { ResultReplies } from './result-replies.js';
import { sendCard } from './send-card.js';
import { ServedAnswers } from './served-answers.js';
import { Tours } from './tour.js';

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
const DEFAULT_RATE_LIMIT = 30;
const DEFAULT_ANSWERS_REFRESH_MS = 15_000;

/**
 * Answers in personal chat, and in group chats and channels when @mentioned. This class routes each turn to
 * what serves it (a command, a question, a card's press, thumbs, the compose-box search) and wires those up.
 */
export class ProceduresBot extends TeamsActivityHandler {
  private readonly councils: CouncilChoice;
  private readonly state: ConversationState;
  private readonly helpdesk: Helpdesk;
  private readonly tours: Tours;
  private readonly commands: CommandTurn;
  private readonly questions: QuestionTurn;
  private readonly cardActions: CardActionTurn;
  private readonly feedback: FeedbackTurn;

  constructor(private readonly options: BotOptions) {
    super();
    const { engine, store, logger } = options;
    this.state = new ConversationState(store, logger);
    this.helpdesk = new Helpdesk({
      store,
      engine,
      logger,
      targets: options.helpdesk?.targets ?? new Map(),
      approvers: options.helpdesk?.approvers ?? new Map(),
      sender: options.helpdesk?.sender ?? { send: () => Promise.reject(new Error('no proactive sender')) },
    });
    this.tours = new Tours(engine, store, logger);
    const replies = new ResultReplies(engine, store, this.helpdesk, logger);
    const followUps = new FollowUpMemory(store, logger);
    // Approved helpdesk answers, given when no procedure answers; only where a helpdesk is set.
    let served: ServedAnswers | undefined;
    if (options.helpdesk && options.helpdesk.targets.size > 0) {
      served = new ServedAnswers(store, engine, logger, options.helpdesk.answersRefreshMs ?? DEFAULT_ANSWERS_REFRESH_MS);
      served.start();
    }
    this.councils = new CouncilChoice(engine, this.state, options.defaultCouncil, options.tenantCouncils);
    // Per instance on purpose: a limit shared through the database would make every answer wait on it.
    const rate = new RateLimiter(options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT, MEMORY);
    this.commands = new CommandTurn(this.councils, this.tours);
    this.questions = new QuestionTurn({ engine, store, logger, councils: this.councils, rate, followUps, replies, served });
    this.cardActions = new CardActionTurn({ engine, logger, replies, followUps, questions: this.questions, helpdesk: this.helpdesk, tours: this.tours });
    this.feedback = new FeedbackTurn({ engine, store, logger, councils: this.councils, helpdesk: this.helpdesk });
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
      if (step.success) return (await this.tours.move(context, step.data.action.data)) ?? badCardActionResponse();
      return (await this.helpdesk.onAction(context)) ?? badCardActionResponse();
    }
    if (context.activity.name === 'message/submitAction') return this.feedback.run(context);
    return super.onInvokeActivity(context);
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

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.value !== undefined && activity.value !== null) return this.cardActions.run(context, activity.value);
    const text = questionText(activity);
    if (text === undefined) return;
    if (await this.commands.run(context, text)) return;
    await this.questions.answer(context, text);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const id = context.activity.conversation?.id;
    if (!id || (await this.state.get(id)).welcomed) return;
    this.state.markWelcomed(id);
    if (this.helpdesk.isHelpdeskTeam(context.activity)) return void (await context.sendActivity(messages.helpdesk.channelWelcome));
    await sendCard(context, welcomeCard(await this.councils.packFor(context.activity)));
  }
}

/** The question text, or undefined when the message is not for the bot (unmentioned in a group). */
function questionText(activity: Activity): string | undefined {
  const scope = activity.conversation?.conversationType;
  if (scope === 'groupChat' || scope === 'channel') {
    // The SDK's removeRecipientMention fails the turn on a message with no text or a mention with none.
    const mine = TurnContext.getMentions(activity).filter((m) => m.mentioned?.id === activity.recipient?.id);
    if (mine.length === 0) return undefined;
    return clean(mine.reduce((text, m) => (typeof m.text === 'string' && m.text ? text.replace(m.text, '') : text), activity.text ?? ''));
  }
  return clean(activity.text ?? '');
}

/** Teams wraps text in non-breaking spaces and sometimes HTML entities around mentions. */
function clean(text: string): string {
  return text.replace(/&nbsp;|\u00a0/g, ' ').trim();
}
