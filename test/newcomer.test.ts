import { describe, expect, it } from 'vitest';
import { KnowledgeError } from '../src/knowledge/errors.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { KNOWLEDGE_DIR, knowledgeCopy, realEngine } from './helpers/knowledge.js';
import { runScript } from './helpers/run-script.js';

// New staff: "what is…" from each council's glossary, the process end to end, and what must stay a
// procedure question.

interface Asked {
  query: string;
  status: string;
  answer?: { id: string; title: string; text: string };
}

/** `npm run ask -- --json --batch`, as the "done when" runs it. */
function askAll(council: string, questions: string[]): Asked[] {
  const run = runScript('src/cli/ask.ts', ['--json', '--batch', '--council', council], { input: questions.join('\n') });
  expect(run.code, run.stderr).toBe(0);
  return run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Asked);
}

describe('new staff asking what the procedures mean', () => {
  it('answers Reading\'s "what is…" questions with the definition in the procedure\'s words', () => {
    const [c3, pbst, errg, po, sigInfo] = askAll('reading', [
      'what is a conversation 3',
      'what does PBST do',
      'what does ERRG mean',
      "what's a purchase order",
      'what is significant information in mosaic',
    ]);
    for (const a of [c3, pbst, errg, po, sigInfo]) expect(a!.status, a!.query).toBe('answered');
    expect(c3!.answer!.text).toContain('an authorised Conversation 3 must be completed in Mosaic and a next step of Purchase Services - Personal Budget sent');
    expect(pbst!.answer!.text).toContain('The Personal Budget Support Team (PBST) find care service options and confirm services with the provider with a purchase order');
    expect(po!.answer!.text).toContain('sends a Purchase Order (PO) to ensure that they can be paid');
    expect(sigInfo!.answer!.text).toContain('start a Significant information on an open Case and complete this with the next step Short term change to care package');
    // ERRG is never spelled out in the procedure: what it is used for, and plainly that it is not expanded.
    expect(errg!.answer!.text).toContain('seeks ERRG authorisation');
    expect(errg!.answer!.text).toContain('The procedure does not say what ERRG stands for');
    expect(errg!.answer!.text).not.toMatch(/ERRG \(|ERRG (stands for|means) [A-Z]/);
  });

  it('answers Merton\'s "what is the outcomes forum" and "what is brokerage" from its own glossary', () => {
    const [forum, brokerage] = askAll('merton', ['what is the outcomes forum', 'what is brokerage']);
    expect(forum).toMatchObject({ status: 'answered', answer: { id: 'glossary-outcomes-forum' } });
    expect(forum!.answer!.text).toContain('Outcomes Forum guidance is located within the Local Resources');
    expect(brokerage).toMatchObject({ status: 'answered', answer: { id: 'glossary-brokerage' } });
    expect(brokerage!.answer!.text).toContain('Merton Brokerage deal with placements for Older People');
    expect(brokerage!.answer!.text).not.toContain('PBST');
  });

  it('gives each council its overview for "how does commissioning work here, I\'m new", steps linked to entries', () => {
    for (const [council, step] of [
      ['reading', 'PBST confirms the start date with the provider and sends a Purchase Order (PO)'],
      ['merton', 'Send completed request to purchase/Amend Service to Brokerage Work Folder in Mosaic'],
    ] as const) {
      const [overview, starter] = askAll(council, ["how does commissioning work here, I'm new", 'explain the commissioning process for a new starter']);
      expect(overview).toMatchObject({ status: 'answered', answer: { id: 'overview' } });
      expect(overview!.answer!.text).toContain(step);
      expect(starter!.answer!.id).toBe('overview');
      const entry = realEngine().entry(council, 'overview')!;
      expect(entry.related.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('keeps procedure questions that look like definitions, or come with "I\'m new", for their procedure', () => {
    const engine = realEngine();
    expect(engine.ask('what does PBST need for live-in care', 'reading').entry?.id).toBe('live-in-care-request');
    expect(engine.ask("I'm new, how do I increase a home care package", 'reading').entry?.id).toBe('home-care-increase');
    expect(engine.ask('what is the next step to increase home care', 'reading').entry?.id).not.toMatch(/^glossary-/);
    // A term with many other words around it is not a definition question.
    expect(engine.ask('what is a purchase order number for the carer agency invoice', 'reading').reason).not.toBe('definition');
    // Each council its own words: Merton has no PBST.
    expect(engine.ask('what is PBST', 'merton').entry?.id ?? '').not.toMatch(/pbst/);
  });

  it('reads "what are the next steps" after a case as that case\'s steps, and "what is a next step" as the term', () => {
    const engine = realEngine();
    const afterCase = engine.ask('The family have chosen the supported living provider. What are the next steps?', 'reading');
    expect(afterCase.reason).not.toBe('definition');
    expect(afterCase.entry?.id ?? '').not.toMatch(/^glossary-/);
    expect(engine.ask('Live in bids are back and the family picked one. Whats my next step?', 'reading').reason).not.toBe('definition');
    // Without a case named elsewhere, or without "the"/"my" before it, the term is asked about.
    expect(engine.ask('what is a next step in mosaic', 'reading').entry?.id).toBe('glossary-workstep');
    expect(engine.ask('New to all this. What is a next step?', 'reading').entry?.id).toBe('glossary-workstep');
    expect(engine.ask('What is the Outcomes Forum? My manager said it needs to go there before the care home', 'merton').entry?.id).toBe('glossary-outcomes-forum');
    // Only a name a case can own: "the ERRG" and "the Conversation 3" after a case are still the terms.
    expect(engine.ask('What is the ERRG? We have a supported living case waiting on it.', 'reading').entry?.id).toBe('glossary-errg');
    expect(engine.ask('We have a care home placement. What is the Conversation 3?', 'reading').entry?.id).toBe('glossary-conversation-3');
    expect(engine.ask("The provider can't meet the extra supported living hours. What's the next step?", 'reading').reason).not.toBe('definition');
  });

  it('refuses a glossary term pointing at an unknown entry, naming the file and field', () => {
    const { dir, edit } = knowledgeCopy();
    edit('reading/glossary.yaml', (t) => t.replace('entries: [pbst-role, finish-tab, home-care-arranging]', 'entries: [pbst-role, no-such-entry]'));
    expect(() => loadKnowledge(dir)).toThrow(KnowledgeError);
    expect(() => loadKnowledge(dir)).toThrow(/reading\/glossary\.yaml: glossary\[0\]\.entries\[1\]: unknown entry "no-such-entry"/);
    const tour = knowledgeCopy();
    tour.edit('merton/overview.yaml', (t) => t.replace('    - spot-purchase\n', '    - spot-purchase\n    - scope\n'));
    expect(() => loadKnowledge(tour.dir)).toThrow(/merton\/overview\.yaml: overview\.tour: "scope" is listed twice/);
    expect(loadKnowledge(KNOWLEDGE_DIR).packs.get('reading')!.overview!.tour).toHaveLength(loadKnowledge(KNOWLEDGE_DIR).packs.get('reading')!.entries.length);
  });
});
