import { describe, expect, it } from 'vitest';
import { realEngine } from './helpers/knowledge.js';

const engine = realEngine();

// Paraphrases written for this test (not from any evaluation set): each general question as a helpdesk member
// might write it, questions asking the same in other words, and questions on another topic sharing some words.
const CASES = [
  {
    council: 'reading',
    general: "Can a home carer walk the person's dog?",
    same: ['can the carer walk the dog for Mrs Khan', "may carers take a client's dog for a walk", 'my client wants her carer to walk the dog'],
    other: ['how do I increase a home care package', 'walk in shower adaptation', 'who pays for a care home'],
  },
  {
    council: 'reading',
    general: 'Who arranges transport to a day centre?',
    same: ['who sorts out transport to the day centre', 'who books transport for day services', 'how does someone get to day centre, who books the taxi'],
    other: ['how do i end a day centre placement', 'what transport is there for hospital discharge'],
  },
  {
    council: 'merton',
    general: 'Can a family member be paid as a personal assistant?',
    same: ['paying a family member as personal assistant', 'can a family member be paid to be a personal assistant'],
    other: ['how do i set up a direct payment', 'how do i find a care home'],
  },
];

describe('matching a question to other phrasings of it (approved helpdesk answers)', () => {
  for (const { council, general, same, other } of CASES) {
    it(`takes paraphrases of "${general}" for it and other topics not (${council})`, () => {
      for (const q of same) expect(engine.matchPhrasings(q, council, [general]), q).toMatchObject({ index: 0, score: expect.any(Number) });
      for (const q of other) expect(engine.matchPhrasings(q, council, [general]), q).toBeUndefined();
    });
  }

  it('names the closest of several phrasings, and none for a question sharing nothing', () => {
    const phrasings = ['who pays for a care home', "Can a home carer walk the person's dog?", 'Who arranges transport to a day centre?'];
    expect(engine.matchPhrasings('who sorts out transport to the day centre', 'reading', phrasings)?.index).toBe(2);
    expect(engine.matchPhrasings('asdfgh qwerty', 'reading', phrasings)).toBeUndefined();
    expect(engine.matchPhrasings('anything', 'reading', [])).toBeUndefined();
  });

  it('reads spelling and placeholders as the engine does: a known typo still matches, "[name]" counts for nothing', () => {
    expect(engine.matchPhrasings('who pays when the pakage goes up', 'reading', ['Who pays when a package is increased?'])).toBeDefined();
    const stored = 'can the carer walk the dog for Mrs [name]';
    expect(engine.matchPhrasings('can the carer walk the dog', 'reading', [stored])?.score).toBe(1);
  });

  it('keys questions asking the same in other word orders and forms alike, for the report', () => {
    expect(engine.meaningKey('How do I book annual leave?', 'reading')).toBe(engine.meaningKey('booking annual leave, how?', 'reading'));
    expect(engine.meaningKey('How do I book annual leave?', 'reading')).not.toBe(engine.meaningKey('how do I book respite', 'reading'));
  });
});
