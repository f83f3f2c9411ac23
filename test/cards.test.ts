import { describe, expect, it } from 'vitest';
import { answerCard } from '../src/bot/cards/answer-card.js';
import { BUTTON_TITLE_MAX, escapeMarkdown } from '../src/bot/cards/adaptive.js';
import { clarifyCard, topicCard, topicsCard } from '../src/bot/cards/choice-cards.js';
import { dislikedCard, helpdeskAnswerCard, helpdeskCard, notFoundCard } from '../src/bot/cards/helpdesk-cards.js';
import { inertTourCard, tourCard } from '../src/bot/cards/tour-card.js';
import { welcomeCard } from '../src/bot/cards/welcome-card.js';
import { buttonTitles, cardProblems } from './helpers/cards.js';
import { realEngine } from './helpers/knowledge.js';

const engine = realEngine();
const packs = engine.councilIds().map((c) => engine.pack(c));

/** Every card but the answers, for each council, named for the failure message. */
function otherCards(): Array<readonly [string, unknown]> {
  return packs.flatMap((pack) => {
    const ask = { council: pack.council, botStatus: 'no_match' as const, question: 'how do I *book* annual leave' };
    const view = { escalationId: '7c0c7a2e-4a4b-4f7e-9a55-0d1f3a1b2c3d', council: pack.council, councilName: pack.name, question: 'q', asker: 'A', botSaid: 'b' };
    const cards: Array<readonly [string, unknown]> = [
      ['welcome', welcomeCard(pack)],
      ['topics', topicsCard(pack)],
      ...pack.vocabulary.services.map((s) => [`topic ${s.id}`, topicCard(pack, s.id)] as const).filter(([, c]) => c !== undefined),
      ['clarify', clarifyCard(pack.entries.slice(0, 3), { council: pack.council, question: 'how do I *arrange* care', questionId: '7c0c7a2e-4a4b-4f7e-9a55-0d1f3a1b2c3d' })],
      ['not found', notFoundCard(pack.entries.slice(0, 3), undefined)],
      ['not found, ask', notFoundCard(pack.entries.slice(0, 3), ask)],
      ['not found, ask only', notFoundCard([], ask)],
      ['disliked', dislikedCard({ ...ask, botStatus: 'disliked', detail: 'wrong one' })],
      ['helpdesk', helpdeskCard(view)],
      ['helpdesk taken', helpdeskCard({ ...view, takenBy: 'B' })],
      ['helpdesk answered', helpdeskCard(view, { answeredBy: 'B', answeredAt: new Date(), answer: 'do this' })],
      ['helpdesk answer', helpdeskAnswerCard('q', 'a', 'B')],
      ['tour, left behind', inertTourCard()],
      ...(pack.overview?.tour ?? []).map((_, step) => [`tour ${step}`, tourCard(pack, step, 'tour-1')] as const),
      ...pack.glossary.map((t) => [`glossary ${t.entry.id}`, answerCard(t.entry, t.entry.related.map((id) => engine.entry(pack.council, id)!))] as const),
      ...(pack.overview ? [['overview', answerCard(pack.overview.entry, pack.overview.entry.related.map((id) => engine.entry(pack.council, id)!))] as const] : []),
    ];
    return cards.map(([name, card]) => [`${pack.council} ${name}`, card] as const);
  });
}

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
    for (const [name, card] of otherCards()) expect(cardProblems(card), name).toEqual([]);
    for (const pack of packs) expect(notFoundCard([], undefined), pack.council).toBeUndefined();
  });

  it('never gives a button a label Teams would cut: entry titles and links are wrapped rows instead', () => {
    const all = [...otherCards(), ...packs.flatMap((p) => p.entries.map((e) => [e.id, answerCard(e, [])] as const))];
    for (const [name, card] of all) {
      for (const title of buttonTitles(card)) expect(title.length, `${name}: ${title}`).toBeLessThanOrEqual(BUTTON_TITLE_MAX);
    }
    // The check can fail: an entry title is longer than a button can show.
    expect(Math.max(...packs.flatMap((p) => p.entries.map((e) => e.title.length)))).toBeGreaterThan(BUTTON_TITLE_MAX);
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
