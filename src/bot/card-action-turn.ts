import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { AnswerEngine } from '../engine/index.js';
import { messages } from '../messages.js';
import { redact } from '../store/redact.js';
import { cardActionSchema, type ParsedCardAction } from './card-actions.js';
import { topicCard, topicsCard } from './cards/choice-cards.js';
import type { FollowUpMemory } from './follow-up-memory.js';
import type { Helpdesk } from './helpdesk.js';
import type { QuestionTurn } from './question-turn.js';
import type { ResultReplies } from './result-replies.js';
import { sendCard } from './send-card.js';
import type { Tours } from './tour.js';

interface Deps {
  engine: AnswerEngine;
  logger: Logger;
  replies: ResultReplies;
  followUps: FollowUpMemory;
  questions: QuestionTurn;
  helpdesk: Helpdesk;
  tours: Tours;
}

/**
 * A press on one of the bot's cards that posts back a message (card-actions.ts): a "which one?" choice, a
 * suggested question, a topic, the helpdesk, the tour. Each names its council, so any instance serves it.
 */
export class CardActionTurn {
  constructor(private readonly deps: Deps) {}

  async run(context: TurnContext, value: unknown): Promise<void> {
    const { engine, replies } = this.deps;
    const parsed = cardActionSchema.safeParse(value);
    if (!parsed.success || !engine.councilIds().includes(parsed.data.council)) {
      this.deps.logger.warn({ event: 'bad-card-action' }, 'card action not understood');
      return void (await context.sendActivity(messages.unknownEntry));
    }
    const action: ParsedCardAction = parsed.data;
    const pack = engine.pack(action.council);
    switch (action.action) {
      case 'answer': {
        const entry = engine.entry(action.council, action.id);
        if (!entry) return void (await context.sendActivity(messages.unknownEntry));
        // A "which one?" choice: the same answer box as a typed question that went straight to it.
        const passage = action.question ? engine.passageFor(action.question, action.council, entry.id) : undefined;
        await replies.answer(context, entry, { ...(passage ? { passage } : {}), questionId: action.questionId });
        const asked = action.question ? redact(action.question, (word) => engine.knowsWord(action.council, word)) : undefined;
        return this.deps.followUps.remember(context.activity.conversation?.id ?? '', { council: action.council, entryId: entry.id, question: asked });
      }
      case 'none':
        return replies.notFound(context, { council: action.council, question: action.question, questionId: action.questionId });
      case 'ask':
        return this.deps.questions.answer(context, action.question, action.council);
      case 'topics':
        return sendCard(context, topicsCard(pack));
      case 'escalate':
        return this.deps.helpdesk.escalate(context, action);
      case 'topic': {
        const topic = topicCard(pack, action.service);
        if (!topic) return void (await context.sendActivity(messages.unknownEntry));
        return sendCard(context, topic);
      }
      case 'tour':
        return this.deps.tours.start(context, action.council, action.step);
    }
  }
}
