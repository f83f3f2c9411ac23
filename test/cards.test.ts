import { describe, expect, it } from 'vitest';
import { answerCard } from '../src/bot/cards/answer-card.js';
import { escapeMarkdown } from '../src/bot/cards/adaptive.js';
import { clarifyCard, topicCard, topicsCard } from '../src/bot/cards/choice-cards.js';
import { dislikedCard, helpdeskAnswerCard, helpdeskCard, notFoundCard } from '../src/bot/cards/helpdesk-cards.js';
import { welcomeCard } from '../src/bot/cards/welcome-card.js';
import { cardProblems } from './helpers/cards.js';
import { realEngine } from './helpers/knowledge.js';

const engine = realEngine();
const packs = engine.councilIds().map((c) => engine.pack(c));

describe('every card the bot can build', () => {
  it('is a valid Adaptive Card 1.5: answers for every entry of both packs', () => {
    for (const pack of packs) {
      for (const entry of pack.entries) {
        const related = entry.related.map((id) => engine.entry(pack.council, id)!);
        expect(cardProblems(answerCard(entry, related)), `${pack.council}/${entry.id}`).toEqual([]);
      }
    }
  });

  it('is a valid Adaptive Card 1.5: welcome, topics, each topic, clarify, not found and the helpdesk cards', () => {
    for (const pack of packs) {
      expect(cardProblems(welcomeCard(pack))).toEqual([]);
      expect(cardProblems(topicsCard(pack))).toEqual([]);
      for (const service of pack.vocabulary.services) {
        const card = topicCard(pack, service.id);
        if (card) expect(cardProblems(card), service.id).toEqual([]);
      }
      expect(cardProblems(clarifyCard(pack.entries.slice(0, 3)))).toEqual([]);
      const ask = { council: pack.council, botStatus: 'no_match' as const, question: 'how do I *book* annual leave' };
      expect(cardProblems(notFoundCard(pack.entries.slice(0, 3), undefined))).toEqual([]);
      expect(cardProblems(notFoundCard(pack.entries.slice(0, 3), ask))).toEqual([]);
      expect(cardProblems(notFoundCard([], ask))).toEqual([]);
      expect(notFoundCard([], undefined)).toBeUndefined();
      expect(cardProblems(dislikedCard({ ...ask, botStatus: 'disliked', detail: 'wrong one' }))).toEqual([]);
      const view = { escalationId: '7c0c7a2e-4a4b-4f7e-9a55-0d1f3a1b2c3d', council: pack.council, councilName: pack.name, question: 'q', asker: 'A', botSaid: 'b' };
      expect(cardProblems(helpdeskCard(view))).toEqual([]);
      expect(cardProblems(helpdeskCard({ ...view, takenBy: 'B' }))).toEqual([]);
      expect(cardProblems(helpdeskCard(view, { answeredBy: 'B', answeredAt: new Date(), answer: 'do this' }))).toEqual([]);
      expect(cardProblems(helpdeskAnswerCard('q', 'a', 'B'))).toEqual([]);
    }
  });

  it('rejects what is not a 1.5 card (the check can fail)', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.6', body: [{ type: 'Carousel' }] })).not.toEqual([]);
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [], actions: [{ type: 'Action.OpenUrl', title: 'x' }] })).not.toEqual([]);
  });

  it('escapes Markdown so text shows as typed and cannot form links or lists', () => {
    expect(escapeMarkdown('[x](https://evil) **b** <i>')).toBe('\\[x\\](https://evil) \\*\\*b\\*\\* \\<i\\>');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('- nor this')).toBe('\\- nor this');
  });
});
