import { randomUUID } from 'node:crypto';
import { ActivityTypes, CardFactory, DeliveryModes, type Attachment, type TurnContext } from 'botbuilder';
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
    if (result.status === 'clarify') return sendCard(context, clarifyCard(result.options));
    const pack = this.engine.pack(result.council);
    if (result.status === 'smalltalk') return sendCard(context, smalltalkCard(pack, result.smalltalk ?? 'greeting'));
    if (result.notCovered) {
      // A neighbouring topic has its own team (safeguarding, complaints…): the pack's line, not the helpdesk.
      const text = `${messages.notCovered(this.engine.topicLabel(result.council, result.notCovered), pack.name)} ${messages.askInstead(pack.askInstead)}`;
      return void (await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' }));
    }
    const ask = await this.helpdesk.offer({ council: result.council, botStatus: 'no_match', question: result.query, questionId });
    const text = `${messages.noMatch(pack.name)} ${ask ? messages.helpdesk.offer : messages.askInstead(pack.askInstead)}`;
    const found = notFoundCard(result.options, ask);
    await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain', attachments: found ? [CardFactory.adaptiveCard(found)] : [] });
  }

  /** An approved helpdesk answer, labelled as the helpdesk's, with thumbs; kept so thumbs on it find it. */
  async helpdeskAnswer(context: TurnContext, answer: HelpdeskAnswer, questionId: string): Promise<void> {
    const related = answer.entryId ? this.engine.entry(answer.council, answer.entryId) : undefined;
    const label = `${messages.helpdeskAnswers.label}. ${messages.helpdeskAnswers.approvedOn(cardDay(answer.approvedAt ?? answer.updatedAt))}`;
    const response = await context.sendActivity({
      type: ActivityTypes.Message,
      text: label,
      textFormat: 'plain',
      attachments: [CardFactory.adaptiveCard(servedAnswerCard(answer, related))],
      channelData: feedbackLoop,
    });
    this.keep(context, response?.id, { questionId, council: answer.council, helpdeskAnswerId: answer.id });
  }

  async answer(context: TurnContext, entry: Entry, focus: AnswerFocus & { questionId?: string } = {}): Promise<void> {
    // A card depends on its entry, the sentence that answered and the entries saying the same: a bounded set.
    const key = `${entry.council}/${entry.id}|${focus.passage?.quote ?? ''}|${(focus.alsoFor ?? []).map((e) => e.id).join(',')}`;
    const pack = this.engine.pack(entry.council);
    let attachment = this.answerCards.get(key);
    if (!attachment) {
      const related = entry.related.flatMap((id) => this.engine.entry(entry.council, id) ?? []);
      attachment = CardFactory.adaptiveCard(answerCard(entry, related, focus, documentUrl(pack)));
      this.answerCards.set(key, attachment);
    }
    const response = await context.sendActivity(answerActivity(attachment, entry, pack, focus.passage?.quote));
    // Kept by message id so that a thumbs press on it, through any instance, finds its entry and question.
    // A client that gives no id (Agents Playground answers `{}`) still gets the answer kept, under an id of
    // our own, so that its feedback finds the conversation's latest answer. Replies returned in the HTTP
    // response (expectReplies: tests, benchmarks) have no message to press thumbs on: nothing to keep.
    this.keep(context, response?.id, { questionId: focus.questionId, council: entry.council, entryId: entry.id });
    this.logger.debug({ event: 'answer-sent', messageId: response?.id, entryId: entry.id }, 'answer sent');
  }

  private keep(context: TurnContext, messageId: string | undefined, about: { questionId?: string | undefined; council: string; entryId?: string; helpdeskAnswerId?: string }): void {
    if (messageId || context.activity.deliveryMode !== DeliveryModes.ExpectReplies) {
      this.store.recordAnswerMessage({ messageId: messageId || `unnumbered:${randomUUID()}`, ...about, conversationId: context.activity.conversation?.id ?? '' });
    }
  }
}
