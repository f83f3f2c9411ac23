import { randomUUID } from 'node:crypto';
import { ActivityTypes, CardFactory, DeliveryModes, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { AnswerEngine, EngineResult } from '../engine/index.js';
import type { Entry } from '../knowledge/types.js';
import { messages } from '../messages.js';
import type { BotStore } from '../store/store.js';
import type { HelpdeskAnswer } from '../store/helpdesk-answers.js';
import { answerActivity, documentUrl, feedbackLoop } from './answer-activity.js';
import { BoundedMap } from './bounded-map.js';
import { answerCard, type AnswerFocus } from './cards/answer-card.js';
import { clarifyCard } from './cards/choice-cards.js';
import { notFoundCard } from './cards/helpdesk-cards.js';
import { cardDay, servedAnswerCard } from './cards/helpdesk-answer-cards.js';
import { smalltalkCard } from './cards/welcome-card.js';
import { sendCard } from './send-card.js';
import type { Helpdesk } from './helpdesk.js';

const MEMORY = 10_000;

/** A question the procedures gave no answer to: what the not-found reply needs. */
export interface Unanswered {
  council: string;
  question: string;
  questionId?: string | undefined;
  /** Close procedures, offered under the reply. */
  suggestions?: Entry[];
}

/** What the bot says for each kind of engine result: the answer card, "which one?", small talk, not found. */
export class ResultReplies {
  // Answer cards only change on restart: build each once.
  private readonly answerCards = new BoundedMap<string, Attachment>(MEMORY);

  constructor(
    private readonly engine: AnswerEngine,
    private readonly store: BotStore,
    private readonly helpdesk: Helpdesk,
    private readonly logger: Logger,
  ) {}

  async send(context: TurnContext, result: EngineResult, questionId: string): Promise<void> {
    if (result.status === 'answered' && result.entry) return this.answer(context, result.entry, { ...result, questionId });
    // A "which one?" has no thumbs (its choices are the feedback), but is kept like an answer: a reply typed
    // instead of a press is read with it, on any instance (follow-up-memory.ts).
    if (result.status === 'clarify') {
      const card = clarifyCard(result.options, { council: result.council, question: result.query, questionId });
      return this.rated(context, { attachments: [CardFactory.adaptiveCard(card)] }, { council: result.council, questionId }, false);
    }
    const pack = this.engine.pack(result.council);
    if (result.status === 'smalltalk') return sendCard(context, smalltalkCard(pack, result.smalltalk ?? 'greeting'));
    const asked = { council: result.council, question: result.query, questionId };
    if (result.notCovered) return this.notCovered(context, result.notCovered, asked);
    return this.notFound(context, { ...asked, suggestions: result.options });
  }

  /** An approved helpdesk answer, labelled as the helpdesk's, with thumbs; kept so thumbs on it find it. */
  async helpdeskAnswer(context: TurnContext, answer: HelpdeskAnswer, questionId: string): Promise<void> {
    const related = answer.entryId ? this.engine.entry(answer.council, answer.entryId) : undefined;
    const label = `${messages.helpdeskAnswers.label}. ${messages.helpdeskAnswers.approvedOn(cardDay(answer.approvedAt ?? answer.updatedAt))}`;
    const attachments = [CardFactory.adaptiveCard(servedAnswerCard(answer, related))];
    await this.rated(context, { text: label, attachments }, { questionId, council: answer.council, helpdeskAnswerId: answer.id });
  }

  /** "Not found": where to ask instead, or the helpdesk where it can be reached; close procedures beneath. */
  async notFound(context: TurnContext, asked: Unanswered): Promise<void> {
    const pack = this.engine.pack(asked.council);
    const ask = await this.helpdesk.offer({ council: asked.council, botStatus: 'no_match', question: asked.question, questionId: asked.questionId });
    const text = `${messages.noMatch(pack.name)} ${ask ? messages.helpdesk.offer : messages.askInstead(pack.askInstead)}`;
    const found = notFoundCard(asked.suggestions ?? [], ask);
    await this.rated(context, { text, attachments: found ? [CardFactory.adaptiveCard(found)] : [] }, asked);
  }

  /**
   * A neighbouring topic with its own route (safeguarding, staff matters…): the pack's signpost for it, never
   * the procedures' helpdesk unless the topic is a commissioning question the procedures leave open; a topic
   * whose procedure names no one is told so, with no contact made up.
   */
  private async notCovered(context: TurnContext, topic: string, asked: Unanswered): Promise<void> {
    const pack = this.engine.pack(asked.council);
    const signpost = pack.signposts[topic];
    const ask = signpost?.helpdesk
      ? await this.helpdesk.offer({ council: asked.council, botStatus: 'no_match', question: asked.question, questionId: asked.questionId })
      : undefined;
    const parts = [messages.notCovered(this.engine.topicLabel(asked.council, topic), pack.name)];
    if (signpost?.askInstead) parts.push(messages.askInstead(signpost.askInstead));
    else if (!ask) parts.push(messages.noContactNamed);
    if (ask) parts.push(messages.helpdesk.offer);
    // Nothing is suggested under "the procedures don't cover…": a procedure there would read as the way to do it.
    const found = notFoundCard([], ask);
    await this.rated(context, { text: parts.join(' '), attachments: found ? [CardFactory.adaptiveCard(found)] : [] }, asked);
  }

  async answer(context: TurnContext, entry: Entry, focus: AnswerFocus & { questionId?: string | undefined } = {}): Promise<void> {
    // A card depends on its entry, the sentence that answered and the entries saying the same: a bounded set.
    const key = `${entry.council}/${entry.id}|${focus.passage?.quote ?? ''}|${(focus.alsoFor ?? []).map((e) => e.id).join(',')}`;
    const pack = this.engine.pack(entry.council);
    let attachment = this.answerCards.get(key);
    if (!attachment) {
      const related = entry.related.flatMap((id) => this.engine.entry(entry.council, id) ?? []);
      attachment = CardFactory.adaptiveCard(answerCard(entry, related, focus, documentUrl(pack)));
      this.answerCards.set(key, attachment);
    }
    await this.rated(context, answerActivity(attachment, entry, pack, focus.passage?.quote), { council: entry.council, questionId: focus.questionId, entryId: entry.id });
  }

  /**
   * One message with its pair of thumbs (unless `thumbs` is false), kept by message id so that a press on it, through any instance, finds
   * its question (and entry, when it answered). A client that gives no id (Agents Playground answers `{}`)
   * still gets it kept, under an id of our own, so that its feedback finds the conversation's latest reply.
   * Replies returned in the HTTP response (expectReplies: tests, benchmarks) have no message to press: nothing
   * to keep.
   */
  private async rated(
    context: TurnContext,
    activity: Partial<Activity>,
    about: { council: string; questionId?: string | undefined; entryId?: string | undefined; helpdeskAnswerId?: string | undefined },
    thumbs = true,
  ): Promise<void> {
    const response = await context.sendActivity({ type: ActivityTypes.Message, ...(thumbs ? { textFormat: 'plain', channelData: feedbackLoop } : {}), ...activity });
    if (response?.id || context.activity.deliveryMode !== DeliveryModes.ExpectReplies) {
      this.store.recordAnswerMessage({
        messageId: response?.id || `unnumbered:${randomUUID()}`,
        questionId: about.questionId,
        council: about.council,
        entryId: about.entryId,
        helpdeskAnswerId: about.helpdeskAnswerId,
        conversationId: context.activity.conversation?.id ?? '',
      });
    }
    this.logger.debug({ event: 'reply-sent', messageId: response?.id, entryId: about.entryId }, 'rated reply sent');
  }
}
