import { describe, expect, it } from 'vitest';
import { EngineError, answerView, resultView } from '../src/engine/index.js';
import { words } from '../src/text/normalise.js';
import { realEngine } from './helpers/knowledge.js';

const engine = realEngine();
const ask = (q: string, council = 'reading') => engine.ask(q, council);
const idOf = (q: string, council = 'reading') => {
  const r = ask(q, council);
  return r.status === 'answered' ? r.entry!.id : r.status;
};
/** Asserts a "which one?" offering at least these entries. */
function expectClarify(q: string, ids: string[]) {
  const result = ask(q);
  expect(result.status, q).toBe('clarify');
  expect(result.options.map((o) => o.id)).toEqual(expect.arrayContaining(ids));
}
/** The procedure answered, or, when the engine is not sure enough to answer, the first one it offers (a choice
 * of "which one?" or a suggestion under "not found"). A wrong answer fails either way. */
function expectFirst(q: string, id: string, council = 'reading') {
  const result = ask(q, council);
  expect(result.status === 'answered' ? result.entry!.id : (result.options[0]?.id ?? result.status), q).toBe(id);
}

describe('answering practitioners', () => {
  it('answers a typo\'d increase question with the home care entry, naming Conversation 3 and the next step', () => {
    const result = ask('how do i incrase a homecare pakage');
    expect(result.status).toBe('answered');
    const view = answerView(result.entry!);
    expect(view.id).toBe('home-care-increase');
    expect(view.text).toContain('Conversation 3');
    expect(view.text).toContain('Purchase Services - Personal Budget');
    expect(view.text).toContain('Important: You must click the finish tab or PBST will not see the request.');
  });

  it('leaves English words it does not use alone, and still fixes typos of its own words', () => {
    const read = (q: string, council = 'reading') => engine.prepare(q, council).analysis;
    // "sister" is not a typo of "sitter" (a sitting service), nor "refusing" of "reducing".
    expect(read('his sister asked about shared lives', 'merton').services.map((s) => s.id)).toEqual(['shared-lives']);
    expect(read('she is refusing her lunchtime call').actions.map((a) => a.id)).not.toContain('reduce');
    expect(read('the family went shopping').tokens).toContain('shopping');
    expect(read('suspnd the packge while in hosptial').actions.map((a) => a.id)).toContain('suspend');
    // An English word is corrected all the same when it then makes one of the pack's terms with its neighbour.
    expect(read('care home placement for mental heath').tokens.join(' ')).toContain('mental health');
  });

  it('reads jargon: dom care, C3, SI, PO, SL', () => {
    expect(idOf('reduce dom care, which c3 next step')).toBe('home-care-reduce');
    expectFirst('does the dom care agency get a PO once we pick them', 'home-care-arranging');
    expect(idOf('SI for respite that is already in the budget')).toBe('respite-unused-allocation');
    expect(idOf('increase SL package')).toBe('supported-living-increase');
  });

  it('finds the suspend procedure inside a question wrapped in client context', () => {
    expect(idOf('mrs X is going into hospital tomorrow, how do I stop her calls')).toBe('home-care-suspend-end');
  });

  it('asks which one when increasing "a package" could be home care or supported living (PBST tenders each to its own framework)', () => {
    expectClarify('how do I increase a package?', ['home-care-increase', 'supported-living-increase']);
  });

  it('says plainly when something is not in the procedures, with at most 3 suggestions', () => {
    for (const q of ['how do I book annual leave', 'how do I increase my salary', 'asdfgh', 'how do i reduce my working hours']) {
      const result = ask(q);
      expect(result.status, q).toBe('no_match');
      expect(result.options.length, q).toBeLessThanOrEqual(3);
    }
  });

  it('flattens possessives, contractions and dashes the same way in questions and procedures', () => {
    expect(words("My lady's carers can't come – she's in the RBH")).toEqual(['my', 'lady', 'carers', 'cant', 'come', 'she', 'in', 'the', 'rbh']);
    expect(words('Purchase Services – Personal Budget')).toEqual(words('purchase services - personal budget'));
  });

  it('reads home care calls and visits, with times of day, as home care changes', () => {
    expect(idOf('can we add a teatime call for him')).toBe('home-care-increase');
    expect(idOf('drop the bedtime visit')).toBe('home-care-reduce');
  });

  it('tells the practitioner\'s request apart from how PBST then arranges it', () => {
    expect(idOf('how do I request live-in care')).toBe('live-in-care-request');
    expectFirst('how is a care home chosen by pbst', 'care-home-arranging');
  });

  it('asks which one when a service and action fit entries that differ in a condition left unsaid', () => {
    expectClarify('how do I set up respite', ['respite-new-allocation', 'respite-unused-allocation']);
  });

  it('keeps ending with notice apart from cancelling some support immediately', () => {
    expect(idOf('end the home care, client has died')).toBe('home-care-suspend-end');
    expect(idOf('stop home care immediately')).toBe('home-care-cancel-immediately');
  });

  it('reads practitioner shorthand: POC, SU, RBH, resi', () => {
    expect(idOf('SU admitted to the RBH, pause the dom care POC')).toBe('home-care-suspend-end');
    expect(idOf('what next step for a resi placement')).toBe('care-home-request');
  });

  it('does not take the service named after "rather than" as the one asked about', () => {
    expect(idOf('his wife would prefer a live in carer rather than residential, what information does PBST want')).toBe('live-in-care-request');
    expect(idOf('the family have decided they want a live in carer for dad rather than a care home, what does PBST need me to send')).toBe('live-in-care-request');
  });

  it('lets context in a long question weigh less, yet still turns away long questions about other processes', () => {
    expect(idOf('reablement team are pulling out next week and he still needs ongoing support at home, what do I send through to PBST')).toBe('home-care-long-term');
    expect(ask('how do I raise a safeguarding concern about a home care agency that keeps missing visits').status).toBe('no_match');
    expect(ask('who do I speak to about the care home invoice being wrong for last month').status).toBe('no_match');
  });

  it('does not answer another process that merely names a service or a client group', () => {
    const review = ask('annual review of a care home placement');
    expect(review.status).toBe('no_match');
    expect(review.notCovered).toBe('reviews');
    expect(ask('parking at the care home').status).toBe('no_match');
    expect(ask('who inspects care homes').status).toBe('no_match');
    expect(ask('how do i raise a complaint about a care agency').status).toBe('no_match');
    expect(ask('referral to the community mental health team').status).toBe('no_match');
  });

  it('gives the scope answer, not a purchase procedure, when asked about telecare', () => {
    expect(idOf('Does this cover telecare?')).toBe('scope');
    expect(idOf('does this cover telecare', 'merton')).toBe('scope');
  });

  it('answers Merton questions from Merton\'s pack only', () => {
    expect(idOf('how do i refer someone to a day centre', 'merton')).toBe('day-opportunities');
    const live = ask('what does PBST need for live-in care', 'merton');
    expect(live.status).toBe('no_match');
    for (const option of live.options) expect(option.council).toBe('merton');
  });

  it('names the Merton pack sources and links in the result view', () => {
    const view = resultView(ask('how do I set up a direct payment', 'merton'));
    expect(view.answer?.id).toBe('direct-payments');
    expect(view.answer?.links).toContainEqual({
      title: 'Direct payments for social care, Overview, Merton Council',
      url: 'https://www.merton.gov.uk/social-care/adult-social-care/direct-payments/overview',
    });
    expect(view.answer?.links).toContainEqual({ title: 'Direct Payments procedure' });
    expect(view.answer?.source).toMatchObject({ updated: '2023-11-20', version: 'v23' });
  });

  it('refuses an unknown council, an empty question and an over-long one with typed errors', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof EngineError ? error.code : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => ask('hi', 'wokingham'))).toBe('unknown-council');
    expect(codeOf(() => ask('   '))).toBe('empty-question');
    expect(codeOf(() => ask('care '.repeat(400)))).toBe('question-too-long');
  });

  it('finds an entry by council and id, as a pressed clarify option needs', () => {
    expect(engine.entry('reading', 'supported-living-increase')?.title).toBe('Increasing a supported living package');
    expect(engine.entry('merton', 'supported-living-increase')).toBeUndefined();
  });
});
