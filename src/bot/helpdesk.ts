import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { HelpdeskTarget } from '../config.js';
import type { AnswerEngine } from '../engine/index.js';
import { messages } from '../messages.js';
import type { Escalation } from '../store/escalations.js';
import { describeError } from '../store/errors.js';
import type { StoredReference } from '../store/schema.js';
import type { BotStore } from '../store/store.js';
import { withDeadline } from '../util/deadline.js';
import { feedbackLoop } from './answer-activity.js';
import { BoundedMap } from './bounded-map.js';
import type { ParsedCardAction } from './card-actions.js';
import type { AdaptiveCard } from './cards/adaptive.js';
import { helpdeskAnswerCard, helpdeskCard, type AskHelpdesk, type HelpdeskState, type HelpdeskView } from './cards/helpdesk-cards.js';
import { approvalActionSchema, helpdeskActionSchema, type HelpdeskAction } from './helpdesk-actions.js';
import { HelpdeskApprovals } from './helpdesk-approvals.js';
import { cardActivity, cardResponse, textResponse } from './invoke-replies.js';

const m = messages.helpdesk;
/** A helpdesk channel looked up in the store is reused this long; a new one is learnt at once. */
const CHANNEL_FRESH_MS = 30_000;
/** The channel is written again after this, to keep its serviceUrl current without a write per message. */
const RELEARN_MS = 3_600_000;
/** How long a practitioner's press may wait on the store before they are told it could not be sent. */
const STORE_WAIT_MS = 3000;

/** Posts to a stored conversation (a proactive message) and resolves with the new message's id. */
export interface ProactiveSender {
  send(reference: StoredReference, activity: Partial<Activity>): Promise<string | undefined>;
}

interface Deps {
  store: BotStore;
  engine: AnswerEngine;
  logger: Logger;
  targets: ReadonlyMap<string, HelpdeskTarget>;
  /** Each council's helpdesk leads (Microsoft Entra object ids): who may approve the bot's helpdesk answers. */
  approvers: ReadonlyMap<string, ReadonlySet<string>>;
  sender: ProactiveSender;
}

const teamOf = (activity: Activity) => (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;

/**
 * Questions the procedures do not answer, sent to a helpdesk channel and answered there. The channel's address
 * is learnt from any activity the bot receives from the helpdesk team and kept in the store, so every instance
 * can post to it; the helpdesk card carries what it shows in its own buttons, so any instance can redraw it.
 */
export class Helpdesk {
  private readonly learnt = new BoundedMap<string, { serviceUrl: string; at: number }>(64);
  private readonly channels = new BoundedMap<string, { channel: StoredReference | undefined; at: number }>(64);

  readonly approvals: HelpdeskApprovals;

  constructor(private readonly deps: Deps) {
    this.approvals = new HelpdeskApprovals({ ...deps, post: (council, card) => this.post(council, card) });
  }

  /** Whether this activity comes from a council's helpdesk team. */
  isHelpdeskTeam(activity: Activity): boolean {
    const team = teamOf(activity);
    return typeof team === 'string' && [...this.deps.targets.values()].some((t) => t.teamId === team);
  }

  /** Keeps the helpdesk channel's address when an activity comes from the team. Never throws nor waits. */
  learn(activity: Activity): void {
    const team = teamOf(activity);
    const target = [...this.deps.targets.values()].find((t) => t.teamId === team);
    if (!target || !activity.serviceUrl || !activity.recipient?.id) return;
    const seen = this.learnt.get(target.teamId);
    if (seen && seen.serviceUrl === activity.serviceUrl && Date.now() - seen.at < RELEARN_MS) return;
    const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const channel: StoredReference = {
      channelId: activity.channelId,
      serviceUrl: activity.serviceUrl,
      conversation: { id: target.channelId, conversationType: 'channel', isGroup: true, ...(tenantId ? { tenantId } : {}) },
      bot: { id: activity.recipient.id, ...(activity.recipient.name ? { name: activity.recipient.name } : {}) },
    };
    this.learnt.set(target.teamId, { serviceUrl: activity.serviceUrl, at: Date.now() });
    this.channels.set(target.teamId, { channel, at: Date.now() });
    this.deps.store.escalations.rememberChannel(target.teamId, channel).then(
      () => this.deps.logger.info({ event: 'helpdesk-channel-learnt' }, 'helpdesk channel address kept'),
      (error: unknown) => {
        this.learnt.delete(target.teamId);
        this.deps.logger.warn({ event: 'helpdesk-channel-unsaved', ...describeError(error) }, 'helpdesk channel address not kept');
      },
    );
  }

  /** The form to offer, when this council's helpdesk can be reached; undefined shows "ask instead" only. */
  async offer(ask: AskHelpdesk): Promise<AskHelpdesk | undefined> {
    const target = this.deps.targets.get(ask.council);
    return target && (await this.channelOf(target, 150)) ? ask : undefined;
  }

  /** The practitioner pressed "Send to the helpdesk". */
  async escalate(context: TurnContext, action: Extract<ParsedCardAction, { action: 'escalate' }>): Promise<void> {
    const question = action.question.trim();
    if (!question) return void (await context.sendActivity(m.emptyQuestion));
    const pack = this.deps.engine.pack(action.council);
    const askInstead = messages.askInstead(pack.askInstead);
    const target = this.deps.targets.get(action.council);
    if (!target) return void (await context.sendActivity(`${m.unavailable} ${askInstead}`));
    let escalation: Escalation;
    try {
      escalation = await withDeadline(
        this.deps.store.escalations.open({
          council: action.council,
          question,
          detail: action.detail?.trim() || undefined,
          botStatus: action.botStatus,
          entryId: action.entryId,
          questionId: action.questionId,
          replyTo: referenceOf(context.activity),
          knows: (word) => this.deps.engine.knowsWord(action.council, word),
        }),
        STORE_WAIT_MS,
      );
    } catch (error) {
      this.deps.logger.error({ event: 'escalation-unsaved', ...describeError(error) }, 'escalation not stored');
      return void (await context.sendActivity(`${m.unavailable} ${askInstead}`));
    }
    const entry = action.entryId ? this.deps.engine.entry(action.council, action.entryId) : undefined;
    const view: HelpdeskView = {
      escalationId: escalation.id,
      council: action.council,
      councilName: pack.name,
      question,
      detail: action.detail?.trim() || undefined,
      asker: context.activity.from?.name || 'a practitioner',
      botSaid: entry ? m.botAnswered(entry.title) : m.botFoundNothing,
    };
    try {
      const channel = await this.channelOf(target, STORE_WAIT_MS);
      if (!channel) throw new Error('the helpdesk channel is not known yet (is the bot installed in the team?)');
      const cardId = await this.deps.sender.send(channel, cardActivity(helpdeskCard(view)));
      if (cardId) await this.deps.store.escalations.posted(escalation.id, cardId);
      this.deps.logger.info({ event: 'escalation-posted', escalationId: escalation.id, council: action.council }, 'question sent to the helpdesk');
      await context.sendActivity(m.sent(pack.name));
    } catch (error) {
      // The escalation stays open in the store: the report lists it.
      this.deps.logger.error({ event: 'escalation-not-posted', escalationId: escalation.id, ...describeError(error) }, 'helpdesk channel unreachable');
      await context.sendActivity(`${m.notSent} ${askInstead}`);
    }
  }

  /** A helpdesk member pressed "I'll take it" or "Send answer", or a button of an approval card (Universal
   * Actions). Undefined: not ours. */
  async onAction(context: TurnContext): Promise<InvokeResponse | undefined> {
    const approval = approvalActionSchema.safeParse(context.activity.value);
    const parsed = helpdeskActionSchema.safeParse(context.activity.value);
    const action = approval.success ? approval.data.action : parsed.success ? parsed.data.action : undefined;
    if (!action) return undefined;
    const target = this.deps.targets.get(action.data.council);
    if (!target || teamOf(context.activity) !== target.teamId) {
      this.deps.logger.warn({ event: 'helpdesk-action-refused', verb: action.verb }, 'a helpdesk action from outside the helpdesk team');
      return textResponse(m.onlyHelpdesk);
    }
    if (approval.success) return this.approvals.onAction(context, approval.data.action);
    if (!parsed.success) return undefined;
    const { verb, data } = parsed.data.action;
    const escalation = await this.deps.store.escalations.get(data.escalationId);
    if (!escalation || escalation.council !== data.council) return textResponse(m.gone);
    const name = context.activity.from?.name || 'a helpdesk member';
    const { answer: _typed, addToAnswers, general, ...view } = data;
    let card: AdaptiveCard;
    if (escalation.status === 'answered') {
      card = helpdeskCard(view, answeredState(escalation));
    } else if (verb === 'helpdesk/take') {
      await this.deps.store.escalations.take(escalation.id);
      card = helpdeskCard({ ...view, takenBy: view.takenBy ?? name });
    } else {
      const answer = (data.answer ?? '').trim();
      if (!answer) return textResponse(m.emptyAnswer);
      const done = await this.deps.store.escalations.answer(escalation.id, answer, (word) => this.deps.engine.knowsWord(data.council, word));
      if (!done) return textResponse(m.alreadyAnswered);
      if (!(await this.deliver(escalation, view, answer, name))) {
        await this.deps.store.escalations.undoAnswer(escalation.id);
        return textResponse(m.notDelivered);
      }
      const proposed =
        addToAnswers !== 'true' ||
        (await this.approvals.propose({
          council: data.council,
          question: general?.trim() || escalation.question,
          wording: escalation.question,
          answer,
          entryId: escalation.entryId ?? undefined,
          escalationId: escalation.id,
          proposedBy: name,
        }));
      const note = proposed ? undefined : messages.helpdeskAnswers.notProposed;
      card = helpdeskCard({ ...view, takenBy: view.takenBy ?? name }, { answeredBy: name, answeredAt: done.answeredAt ?? new Date(), answer, note });
    }
    // The invoke's reply redraws the card for whoever pressed; the update redraws it for everyone else.
    const cardId = context.activity.replyToId;
    if (cardId) {
      await context.updateActivity({ ...cardActivity(card), id: cardId }).catch((error: unknown) => {
        this.deps.logger.warn({ event: 'helpdesk-card-not-updated', ...describeError(error) }, 'helpdesk card not redrawn for everyone');
      });
    }
    return cardResponse(card);
  }

  /** Posts a card to a council's helpdesk channel; rejects when the channel is not known or refuses it. */
  private async post(council: string, card: AdaptiveCard): Promise<void> {
    const target = this.deps.targets.get(council);
    const channel = target ? await this.channelOf(target, STORE_WAIT_MS) : undefined;
    if (!channel) throw new Error('the helpdesk channel is not known yet (is the bot installed in the team?)');
    await this.deps.sender.send(channel, cardActivity(card));
  }

  /** Sends the answer to the chat the question came from; false when it could not. */
  private async deliver(escalation: Escalation, view: HelpdeskAction['data'], answer: string, name: string): Promise<boolean> {
    try {
      const activity = { ...cardActivity(helpdeskAnswerCard(view.question, answer, name)), channelData: feedbackLoop };
      const messageId = await this.deps.sender.send(escalation.replyTo, activity);
      if (messageId) {
        this.deps.store.recordAnswerMessage({ messageId, council: escalation.council, escalationId: escalation.id, conversationId: escalation.replyTo.conversation.id });
      }
      this.deps.logger.info({ event: 'escalation-answered', escalationId: escalation.id }, 'helpdesk answer delivered');
      return true;
    } catch (error) {
      this.deps.logger.error({ event: 'escalation-undelivered', escalationId: escalation.id, ...describeError(error) }, 'helpdesk answer not delivered');
      return false;
    }
  }

  private async channelOf(target: HelpdeskTarget, waitMs: number): Promise<StoredReference | undefined> {
    const known = this.channels.get(target.teamId);
    if (known && (known.channel || Date.now() - known.at < CHANNEL_FRESH_MS)) return known.channel;
    if (this.deps.store.health() === 'down') return known?.channel;
    try {
      const channel = await withDeadline(this.deps.store.escalations.channel(target.teamId), waitMs);
      this.channels.set(target.teamId, { channel, at: Date.now() });
      return channel;
    } catch {
      return known?.channel;
    }
  }
}

/** Where the helpdesk's answer goes back to: the practitioner's chat, without who they are. */
function referenceOf(activity: Activity): StoredReference {
  const { id, conversationType, tenantId, isGroup } = activity.conversation;
  return {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation: { id, conversationType, tenantId, isGroup },
    bot: { id: activity.recipient.id, name: activity.recipient.name },
  };
}

function answeredState(escalation: Escalation): HelpdeskState {
  return { answeredAt: escalation.answeredAt ?? new Date() };
}
