import { describe, expect, it } from 'vitest';
import { contextOf, resultView } from '../src/engine/index.js';
import { figureDirection } from '../src/engine/analyse.js';
import fc from 'fast-check';
import { realEngine } from './helpers/knowledge.js';

// One block per class of misunderstanding found by the independent questions (issue 8), each tested in
// both directions where it has two. The phrasings are written here, not taken from any question set.
const engine = realEngine();
const ask = (q: string, council = 'reading') => engine.ask(q, council);
const idOf = (q: string, council = 'reading') => {
  const r = ask(q, council);
  return r.status === 'answered' ? r.entry!.id : r.status;
};
/** The procedure answered, or, when the engine is not sure enough to answer, the first one it offers (a
 * choice of "which one?" or a suggestion under "not found"). A wrong answer fails either way. */
const firstOf = (q: string, council = 'reading') => {
  const r = ask(q, council);
  return r.status === 'answered' ? r.entry!.id : (r.options[0]?.id ?? r.status);
};

describe('details inside a procedure', () => {
  it('answers a question about one sentence with its entry and quotes that sentence first', () => {
    const room = ask('must there be a spare room for the live in carer');
    expect(room.entry?.id).toBe('live-in-care-request');
    expect(room.passage?.quote).toContain('spare bedroom');
    const start = ask('who tells the home care agency when they start');
    expect(start.entry?.id).toBe('home-care-arranging');
    expect(start.passage?.quote).toContain('start date');
    const notes = ask('what should the notes say for a carers payment');
    expect(notes.entry?.id).toBe('carers-payment');
    expect(notes.passage?.quote).toContain('payment amount');
  });

  it('gives the JSON reply the answering sentence, next to the whole procedure', () => {
    const view = resultView(ask('are waking nights something PBST need to know about for live in care'));
    expect(view.answer?.id).toBe('live-in-care-request');
    expect(view.answer?.passage).toContain('waking nights');
    expect(view.answer?.text).toContain('An anonymised pen picture');
  });

  it('answers a question about the finish tab from the warning every next step carries', () => {
    expect(idOf('I put the next step through but PBST never received it')).toBe('finish-tab');
    expect(ask('what does PBST do').entry?.id).toBe('pbst-role');
  });
});

describe('situations around the request', () => {
  it('lets the action and service decide over a hospital mentioned in passing', () => {
    expect(firstOf('he came out of hospital on Tuesday and now needs more help from his carers, how do I add a call')).toBe('home-care-increase');
    expect(idOf('she was admitted to hospital this morning, how do I put her home care on hold')).toBe('home-care-suspend-end');
  });

  it('takes the service from the situation when the request names none', () => {
    expect(idOf('his evening home care calls are no longer enough, how do I get him more')).toBe('home-care-increase');
    expect(idOf('mum is in a supported living flat and needs fewer hours now, what do I complete')).toBe('supported-living-reduce');
  });

  it('does not let words the procedures never use sink a clear service and action', () => {
    expect(idOf('after her stroke and a long stay on the stroke unit she needs her home care increased')).toBe('home-care-increase');
  });
});

describe('negation and contrast', () => {
  it('reads "not urgent" as long term and "urgent" as urgent', () => {
    expect(idOf("it's not urgent, he needs home care long term")).toBe('home-care-long-term');
    expect(idOf('he needs home care urgently')).toBe('home-care-urgent');
  });

  it('tells respite not yet in the budget from respite already in it', () => {
    expect(idOf("respite isn't in his personal budget, how do I book a week")).toBe('respite-new-allocation');
    expect(idOf('respite is already in his personal budget, how do I book a week')).toBe('respite-unused-allocation');
  });

  it('sets aside the service named after "instead of" or "rather than"', () => {
    expect(idOf('instead of a care home he wants supported living, which next step')).toBe('supported-living-new');
    expect(idOf('rather than supported living the family want a residential care home, which next step')).toBe('care-home-request');
    // "Home" is an everyday word, but here it opens the service's name.
    const r = ask('instead of home care he now wants supported living, which next step');
    expect([r.entry?.id, ...r.options.map((o) => o.id)]).not.toContain('home-care-long-term');
    expect(firstOf('instead of home care he now wants supported living, which next step')).toBe('supported-living-new');
  });

  it('reads "as for the care home, …" as about the care home ("regarding"), not a comparison', () => {
    expect(idOf('as for the care home, which next step do I send?')).toBe('care-home-request');
  });

  it('reads the service a question compares with ("the same as for home care?") as the reference, not the subject', () => {
    // Asked about supported living, compared with care homes: never care homes' step.
    const compared = ask('with a supported living tenancy, is the next step the same as for a care home?');
    expect(compared.entry?.id ?? '').not.toMatch(/^care-home/);
    expect(compared.options.map((o) => o.id)).not.toContain('care-home-request');
    expect(firstOf('reducing supported living hours, is it done like for home care?')).toBe('supported-living-reduce');
    // Named alone, the compared service is still what the question is about.
    expect(firstOf('is increasing the package the same as for home care?')).toBe('home-care-increase');
  });

  it('does not take a negated action as the one asked for', () => {
    expect(idOf("I don't want to end her home care, only pause it for two weeks")).toBe('home-care-suspend-end');
    expect(firstOf("she doesn't want the extra call any more, how do I take it off")).toBe('home-care-reduce');
  });
});

describe('jargon and shorthand', () => {
  it.each([
    ['reading', 'NH placement for a man with dementia, what do I send', 'care-home-request'],
    ['reading', 'nursing resi, what category goes in the notes', 'care-home-request'],
    ['reading', 'MH placement in a specialist care home, how do I ask PBST', 'bespoke-care-home-request'],
    ['reading', 'dom care to increase by a call a day', 'home-care-increase'],
    ['reading', 'dom care POC on hold while the SU is in hosp', 'home-care-suspend-end'],
    ['reading', 'SW needs to reduce SL hours, which next step', 'supported-living-reduce'],
    ['reading', 'need dom care in asap, crisis at home', 'home-care-urgent'],
    ['reading', 'respite already in the PB, how do I book it', 'respite-unused-allocation'],
    ['merton', 'OPMH client, does brokerage place them', 'brokerage-services'],
    ['merton', 'is an FA needed on mosaic before brokerage', 'before-arranging'],
    ['merton', 'ECH - what guidance do I follow', 'extra-care'],
    ['merton', 'day ops for a man with LD', 'day-opportunities'],
    ['merton', 'host family placement for a young adult', 'shared-lives'],
    ['merton', 'rehab placement, who arranges', 'brokerage-services'],
    ['merton', 'DPs - how are they arranged', 'direct-payments'],
  ])('reads %s shorthand: "%s"', (council, q, expected) => {
    expect(idOf(q, council)).toBe(expected);
  });

  // "Ask PBST" names no step: the request is answered, or offered first beside PBST's arranging of it.
  it('reads "LD bespoke home, how do I ask PBST" as the bespoke request (or offers it first)', () => {
    expect(firstOf('LD bespoke home, how do I ask PBST')).toBe('bespoke-care-home-request');
  });

  it('reads tmrw and w/e as time, not as the topic', () => {
    expect(idOf('home care calls to stop tmrw while she stays with her daughter')).toBe('home-care-suspend-end');
    expect(firstOf('extra home care call needed at the w/e')).toBe('home-care-increase');
  });

  it('offers close entries when a word cannot be resolved, rather than silence or a guess', () => {
    const result = ask('home care QWZ form');
    expect(result.status).not.toBe('answered');
    expect(result.options.length).toBeGreaterThan(0);
    expect(result.options.every((o) => o.services.includes('home-care'))).toBe(true);
  });
});

describe('neighbouring topics the procedures do not cover', () => {
  it.each([
    ['reading', 'how do I raise a safeguarding alert about her carers', 'safeguarding'],
    ['reading', 'who completes the DoLS paperwork for a resident', 'dols'],
    ['reading', 'the daughter wants to make a complaint about the agency', 'complaints'],
    ['reading', 'is she eligible for continuing healthcare in the nursing home', 'chc'],
    ['reading', 'how do I book an OT assessment', 'ot-assessment'],
    ['reading', 'the family asked about a top up fee for the care home', 'charging'],
    ['reading', 'how is her contribution calculated', 'charging'],
    ['reading', 'the agency keeps missing visits, who do I report it to', 'provider-quality'],
    ['reading', 'can a district nurse visit for his leg', 'district-nursing'],
    ['reading', 'who writes the discharge plan on the ward', 'discharge-planning'],
    ['reading', 'how do I request annual leave', 'staff-matters'],
    ['reading', 'my laptop will not start', 'staff-matters'],
    ['reading', 'how do I set up a direct payment for him', 'direct-payments'],
    ['merton', 'how do I request a live in carer', 'live-in-care'],
    ['merton', 'who do I contact about a safeguarding concern', 'safeguarding'],
  ])('%s: "%s" is not covered (%s)', (council, q, topic) => {
    const result = ask(q, council);
    expect(result.status).toBe('no_match');
    expect(result.notCovered).toBe(topic);
    expect(result.options).toEqual([]);
  });

  it('answers telecare and equipment with the scope paragraph that excludes them', () => {
    expect(idOf('can I arrange a telecare pendant through this')).toBe('scope');
    expect(idOf('is ordering equipment through OT covered', 'merton')).toBe('scope');
  });

  it('still answers a clear request made in the situation of a neighbouring topic', () => {
    expect(idOf('after the safeguarding meeting, how do I increase her home care')).toBe('home-care-increase');
  });

  it('names the topic and says where to ask instead in the CLI and JSON replies', () => {
    const view = resultView(ask('how do I request annual leave'), (id) => engine.topicLabel('reading', id));
    expect(view.notCovered).toEqual({ id: 'staff-matters', label: 'staff matters (leave, pay, expenses, IT)' });
  });
});

describe('"which one?" only when the choices differ', () => {
  it('answers once, naming the other, when home care and supported living give the same instruction', () => {
    const result = ask('some of the support is to be cancelled at once, before a new conversation 3 is done');
    expect(result.status).toBe('answered');
    const ids = [result.entry!.id, ...(result.alsoFor ?? []).map((e) => e.id)].sort();
    expect(ids).toEqual(['home-care-cancel-immediately', 'supported-living-cancel-immediately']);
  });

  it('asks which one when the texts differ in any sentence: suspending supported living adds shared support', () => {
    expect(ask('how do i suspend a package while they are away').status).toBe('clarify');
  });

  it('asks when the answers really differ: which framework list', () => {
    const result = ask('list of framework providers');
    expect(result.status).toBe('clarify');
    expect(result.options.map((o) => o.id).sort()).toEqual(['home-care-provider-list', 'supported-living-provider-list']);
  });

  it('asks which respite route when the budget is not mentioned', () => {
    const result = ask('how do I book respite');
    expect(result.status).toBe('clarify');
    expect(result.options.map((o) => o.id)).toEqual(expect.arrayContaining(['respite-new-allocation', 'respite-unused-allocation']));
  });
});

describe('small talk', () => {
  it.each([
    ['hello', 'greeting'],
    ['thanks very much', 'thanks'],
    ['who are you', 'identity'],
    ['what can you do', 'capabilities'],
  ])('replies to "%s" as small talk (%s), not "not found"', (q, kind) => {
    const result = ask(q);
    expect(result.status).toBe('smalltalk');
    expect(result.smalltalk).toBe(kind);
  });

  it('answers a question that opens with a greeting', () => {
    expect(idOf('hello, how do I reduce a home care package')).toBe('home-care-reduce');
  });
});

describe('the structure of the source', () => {
  it('keeps an introduction as text and the list after it numbered (Merton, before arranging)', () => {
    const entry = engine.entry('merton', 'before-arranging')!;
    expect(typeof entry.body[0]).toBe('string');
    expect(entry.body[1]).toMatchObject({ numbered: expect.any(Array) });
    const text = resultView(ask('what must be on mosaic before brokerage', 'merton')).answer!.text;
    expect(text.split('\n')[0]).toMatch(/^Before arranging a placement/);
    expect(text).toContain('1. Completed Care Act assessment');
  });

  it('keeps the live-in care email as bullets, not steps', () => {
    const text = resultView(ask('what goes in the email for live in care')).answer!.text;
    expect(text).toContain('- An anonymised pen picture;');
    expect(text).not.toMatch(/^\d\. An anonymised/m);
  });

  it('shows the list that "point 1 below" refers to, for supported living at an unknown cost', () => {
    const text = resultView(ask("supported living but we don't know the cost yet")).answer!.text;
    expect(text).toContain('Once point 1 below has been completed');
    expect(text).toMatch(/1\. PBST will tender out to Reading Borough Council's framework of supported living providers/);
  });
});

describe("Merton: what Brokerage does", () => {
  it.each(['what does brokerage arrange', 'what does brokerage do for me', 'what does merton brokerage place'])(
    'answers "%s" with what Brokerage arranges (or offers it first)',
    (q) => {
      expect(firstOf(q, 'merton')).toBe('brokerage-services');
    },
  );

  // (What Brokerage needs for complex needs is a neighbouring step, so it may be offered second.)
  it('still answers what is needed before sending to Brokerage with the checklist (or offers it first)', () => {
    expect(firstOf('what does brokerage need from me before they look', 'merton')).toBe('before-arranging');
  });
});

describe('context that only looks like the question (found by the blind set of 2 December)', () => {
  it('reads how long ago something was done as context: a sent request PBST cannot see is the finish tab', () => {
    expect(firstOf('PBST cant find the next step I sent a few days ago')).toBe('finish-tab');
    // The same time words do not pull an ordinary request to the finish tab.
    expect(idOf('she asked for respite weeks ago, it is already in her personal budget, how do I book it')).toBe('respite-unused-allocation');
  });

  it('tells "the carer can go out" (a break) from "the lunch call can go" (a reduction)', () => {
    const actions = (q: string, council: string) => engine.explain(q, council).explanation.analysis.actions.map((a) => a.id);
    expect(actions('a sitting service so his wife can go out', 'merton')).not.toContain('reduce');
    expect(idOf('the lunch call can go now he makes his own sandwich')).toBe('home-care-reduce');
  });

  it('reads "the carer needs a break" as respite, and the budget still decides which respite', () => {
    expect(idOf('her husband needs a break from caring and there is no respite allocated yet')).toBe('respite-new-allocation');
    expect(idOf('his wife needs a break, he already has respite money in his personal budget')).toBe('respite-unused-allocation');
    expect(ask('the carer needs a break').status).toBe('clarify');
  });

  it('reads a leaflet or brochure as asking for information, and "which conversation" as asking the workstep', () => {
    expect(idOf('is there a brochure on care homes I can give the daughter')).toBe('care-home-information');
    expect(idOf('which conversation do I use for home care that is needed long term')).toBe('home-care-long-term');
    // The information words do not turn a placement request into a leaflet.
    expect(idOf('which next step for a nursing dementia care home placement')).toBe('care-home-request');
  });
});

describe('a service and its narrower kind named together', () => {
  it('answers an out of area care home request with the bespoke request, and respite in a care home with respite', () => {
    expect(idOf('how do i request an out of area care home placement')).toBe('bespoke-care-home-request');
    expect(idOf('PBST sent care home options for the respite stay, family picked one, what now?')).toBe('respite-arranging');
  });

  it('still asks which one between two services neither of which narrows the other', () => {
    const r = ask('how do I increase home care or supported living');
    expect(r.status).toBe('clarify');
  });
});

describe("people's names in a question", () => {
  it("reads Bill's homecare agency as a person's agency, not billing, and still reads billing as billing", () => {
    expect(idOf("need a contact number for Bill's homecare agency, they're on the framework")).toBe('home-care-provider-contact');
    expect(ask('the home care agency sent us a bill, who pays it?').notCovered).toBe('invoices');
  });
});

describe('a question that names its service', () => {
  it("leans away from other services' procedures: the nursing home PBST found, not home care's arranging", () => {
    expect(idOf('family chose the nursing home PBST found, who raises the purchase order?')).toBe('care-home-arranging');
  });
});

describe('follow-ups read with the last answer', () => {
  const after = (first: string, then: string, council = 'reading') => {
    const before = ask(first, council);
    const r = engine.ask(then, council, { after: before.entry!.id, asked: first });
    return r.status === 'answered' ? r.entry!.id : r.status;
  };

  it('reads a new service after a cue as the same question about it, a procedure before a definition', () => {
    expect(after('how do I arrange a shared lives placement', 'and extra care?', 'merton')).toBe('extra-care');
    expect(after('how do I increase a home care package', 'and for supported living?')).toBe('supported-living-increase');
  });

  it('reads a question naming its own service and action on its own, however it opens', () => {
    expect(after('how do I increase a home care package', 'also, how do I end a supported living package?')).toBe('supported-living-suspend-end');
  });

  it('does not make a question about something no procedure knows into one about the last answer', () => {
    expect(after('how do I increase a home care package', 'is there a staff canteen on site')).toBe('no_match');
  });

  it('reads an action alone ("where is the guidance?") with the last answer, not as the general support entry', () => {
    expect(after('how do I arrange a shared lives placement', "where's the guidance?", 'merton')).toBe('shared-lives');
  });

  it('keeps a question answered on its own by a procedure of no particular service', () => {
    expect(after('how do I reduce a supported living package', 'PBST say they never got the request, why?')).toBe('finish-tab');
  });

  it('settles a "which one?" on the next stage when asked what happens once PBST have found a home', () => {
    const first = 'how do I request a residential placement';
    expect(ask(first).entry?.id).toBe('care-home-request');
    const r = engine.ask('and once PBST have found a home?', 'reading', { after: 'care-home-request', asked: first });
    expect([r.status, r.entry?.id, r.reason]).toEqual(['answered', 'care-home-arranging', 'conversation']);
  });

  it('answers "and once the bids are in?" with the next stage, though the step just answered leans it back', () => {
    const first = 'what do I send PBST to get live in care tendered';
    expect(ask(first).entry?.id).toBe('live-in-care-request');
    const r = engine.ask('ok and once the bids are in?', 'reading', { after: 'live-in-care-request', asked: first });
    expect([r.status, r.entry?.id, r.reason]).toEqual(['answered', 'live-in-care-arranging', 'conversation']);
    // The sentence shown is the answer's own, never the step it replaced.
    if (r.passage) expect(resultView(r).answer?.text).toContain(r.passage.quote.slice(0, 40));
    // Only a next stage the step points to: after increasing home care, "the bids" are not the provider list.
    const increase = engine.ask('and once the bids come back?', 'reading', { after: 'home-care-increase', asked: 'how do I increase a home care package' });
    expect(increase.entry?.id ?? '').not.toBe('home-care-provider-list');
  });

  it('settles a detail question ("which next step?") on the procedure just answered, when it is a choice', () => {
    expect(after('client has respite left over in their budget, how do I book it', 'which next step do I pick?')).toBe('respite-unused-allocation');
  });

  it("answers a new service with its procedure that does what the last one did: care homes' arranging after supported living's", () => {
    expect(after('how does PBST arrange supported living', 'and for a care home?')).toBe('care-home-arranging');
    expect(after('how do i arrange long term home care', 'and for live in care?')).toBe('live-in-care-request');
  });

  it('does not carry "the same step" over from a procedure for many services (Merton: what Brokerage arranges)', () => {
    const r = engine.ask('and home care?', 'merton', { after: 'brokerage-services', asked: 'what does Merton brokerage arrange for older people' });
    expect(r.reason).not.toBe('conversation');
    expect(r.entry?.id).toBe('care-at-home');
  });

  it('does not settle on a step that lacks the fact asked for: no workstep in how PBST arrange respite', () => {
    const r = engine.ask('what workstep do I begin with?', 'reading', { after: 'respite-arranging', asked: 'how does PBST arrange a respite stay' });
    expect(r.entry?.id).not.toBe('respite-arranging');
  });

  it("does not carry the last service into a question its procedures cannot answer: a list of agencies after a carers payment", () => {
    expect(after('how do I arrange a carers payment', 'can I get a list of agencies for the family?')).not.toBe('carers-payment');
  });

  it('carries respite, not the care home it happens in, into "which next step?"', () => {
    expect(after('she has respite left in her budget, how do I book a week in a nursing home?', 'which next step?')).toBe('respite-unused-allocation');
  });

  it('reads "which next step once ERRG agree?" as a detail of the step just answered, not the next stage', () => {
    expect(after("how do I request supported living when we don't know what it will cost", 'which next step once ERRG agree?')).toBe('supported-living-cost-unknown');
  });

  it('answers "same for supported living?" with the step already answered when it is for both services (Merton)', () => {
    expect(after('what has to be on Mosaic before I send a care home placement to Brokerage', 'same for supported living?', 'merton')).toBe('before-arranging');
  });

  it('reads "same question for extra care" as the last question about extra care, not its definition (Merton)', () => {
    expect(idOf('same question for extra care', 'merton')).not.toBe('extra-care');
    expect(after('how do I set up a Shared Lives arrangement', 'same question for extra care', 'merton')).toBe('extra-care');
  });

  it('reads a question pointing back at the last answer ("about it") with it, not as the general support entry (Merton)', () => {
    expect(idOf('who do I talk to about it?', 'merton')).toBe('line-manager-support');
    expect(after('how does spot purchasing work for a culturally specific service', 'who do I talk to about it?', 'merton')).toBe('spot-purchase');
  });

  it('leaves a neighbouring topic not covered after an answer: "what do I do after she leaves hospital"', () => {
    expect(after('how do I request long term home care', 'what do I do after she leaves hospital')).toBe('no_match');
  });

  it('reads a message that says it is a new question ("unrelated, but…") on its own (Merton)', () => {
    expect(after("what's a direct payment", "unrelated, but what's the outcomes forum?", 'merton')).toBe('glossary-outcomes-forum');
    expect(after('how do I arrange Shared Lives', 'different question, what is the extra care panel?', 'merton')).toBe('glossary-extra-care-panel');
  });

  it('reads a new service with words of its own as a new question, even after "also" (Merton)', () => {
    expect(after('how do I make a referral to day opportunities', 'and also can brokerage spot purchase a service for a specific cultural need?', 'merton')).toBe('spot-purchase');
  });
});

describe('a reply to a "which one?" typed, not pressed', () => {
  const first = 'how do I book respite';
  const reply = (text: string) => {
    const before = ask(first);
    expect(before.status).toBe('clarify');
    return engine.ask(text, 'reading', contextOf(before, first));
  };

  it('answers the choice the reply picks out', () => {
    expect(reply('she has some left over in her budget').entry?.id).toBe('respite-unused-allocation');
    expect(reply('it isn\'t in her budget yet').entry?.id).toBe('respite-new-allocation');
  });

  it('asks again between the same choices when the reply asks a detail that differs between them', () => {
    const r = reply('what goes in the notes?');
    expect(r.status).toBe('clarify');
    expect(r.options.map((o) => o.id).sort()).toEqual(['respite-new-allocation', 'respite-unused-allocation']);
  });

  it('answers the service a reply names among the choices of "how do I end a package"', () => {
    const first = 'how do I end a package';
    const before = ask(first);
    expect(before.status).toBe('clarify');
    expect(idOf("it's dom care")).not.toBe('home-care-suspend-end');
    expect(engine.ask("it's dom care", 'reading', contextOf(before, first)).entry?.id).toBe('home-care-suspend-end');
  });

  it('answers the one choice for the service a reply names: "and if its ooa" between standard and bespoke care homes', () => {
    const first = 'how do I arrange a care home';
    const before = ask(first);
    expect(before.status).not.toBe('answered');
    const among = { among: ['care-home-request', 'bespoke-care-home-request'], asked: first };
    expect(idOf('and if its ooa')).not.toBe('bespoke-care-home-request');
    expect(engine.ask('and if its ooa', 'reading', among).entry?.id).toBe('bespoke-care-home-request');
  });

  it('never lets the question replied to outvote what the reply asks: a cancel or a provider list after "increase a package"', () => {
    const first = 'how do I increase a package';
    const before = ask(first);
    expect(before.status).toBe('clarify');
    const context = contextOf(before, first);
    const cancel = engine.ask('for home care who do I email to cancel', 'reading', context);
    expect([cancel.entry?.id, ...cancel.options.map((o) => o.id)]).not.toContain('home-care-increase');
    const list = engine.ask('what about the provider list', 'reading', context);
    expect(list.options.map((o) => o.id).sort()).toEqual(['home-care-provider-list', 'supported-living-provider-list']);
  });

  it('answers a new question on its own', () => {
    expect(reply('how do I increase a supported living package').entry?.id).toBe('supported-living-increase');
    expect(reply('thanks').status).toBe('smalltalk');
  });
});

describe('a term whose only procedure is being asked about', () => {
  it('answers the arranging procedure, not the term, for "how do I arrange extra care" (Merton)', () => {
    expect(idOf('arranging Extra Care for a tenant, what do I do?', 'merton')).toBe('extra-care');
  });
});

describe('a change of figure says which way', () => {
  const FIGURE_WORDS = engine.pack('reading').vocabulary.figureChange!;
  it('reads "POC changing from 4 visits a day to 2" as reducing home care', () => {
    expect(idOf('POC is changing from 4 visits a day to 2, what do I send PBST?')).toBe('home-care-reduce');
  });

  it('goes up when the second figure is larger and down when smaller, whatever stands between', () => {
    const filler = fc.array(fc.constantFrom('calls', 'a', 'day', 'hours', 'week', 'visits'), { maxLength: 3 });
    fc.assert(
      fc.property(fc.nat(100), fc.nat(100), filler, (from, to, between) => {
        const direction = figureDirection(['going', 'from', String(from), ...between, 'to', String(to)], FIGURE_WORDS);
        expect(direction).toBe(from === to ? undefined : to > from ? 'up' : 'down');
      }),
    );
  });

  it('reads no direction without both figures ("up to 30 a week", "from 4 calls")', () => {
    expect(figureDirection(['up', 'to', '30', 'a', 'week'], FIGURE_WORDS)).toBeUndefined();
    expect(figureDirection(['from', '4', 'calls'], FIGURE_WORDS)).toBeUndefined();
  });

  it('reads no change in times of day: "visits from 7 to 9 in the morning" is not an increase', () => {
    expect(figureDirection(['visits', 'from', '7', 'to', '9', 'in', 'the', 'morning'], FIGURE_WORDS)).toBeUndefined();
    expect(idOf('home care visits from 7 to 9 in the morning, who do I tell?')).not.toBe('home-care-increase');
  });
});

describe('a condition said in other words than the pack', () => {
  it('answers respite already in the budget when the classifier has read it, though no condition phrase matches', () => {
    expect(idOf('wife needs a break, his budget has respite that nobody has used, how do I book it')).toBe('respite-unused-allocation');
  });

  it('still asks which service when the question names none, however sure the classifier is', () => {
    expect(ask('how do I increase a package').status).toBe('clarify');
  });
});

describe('not knowing a figure is not asking for it', () => {
  it('answers the cost-unknown request when "we don\'t know how much it will cost" is the situation', () => {
    expect(idOf("we don't know yet how much the supported living will cost, how do I request it?")).toBe('supported-living-cost-unknown');
  });

  it('still says a figure the procedure never gives is not found when it is asked for', () => {
    expect(ask('how much is a carers payment').status).toBe('no_match');
  });

  it('says how long something takes, how often or who sits on a panel is not in the procedure', () => {
    expect(ask('how soon can PBST get a supported living provider in place?').status).toBe('no_match');
    expect(ask('roughly how long does tendering a home care package take', 'reading').status).toBe('no_match');
    expect(ask('how often does the extra care panel sit', 'merton').status).toBe('no_match');
    expect(ask('who chairs the ERRG', 'reading').status).toBe('no_match');
    // Not a question of time: the request itself is still answered.
    expect(idOf('she has had carers for a long time and needs an extra call, how do I increase her home care')).toBe('home-care-increase');
  });
});

describe('a refusal carried through a verb of wanting', () => {
  it('reads "won\'t consider a care home" as ruling the care home out, answering live-in care', () => {
    expect(idOf("she won't consider a care home, family want a live-in carer, what does PBST need?")).toBe('live-in-care-request');
  });
});

describe('where someone lives is not live-in care', () => {
  it('reads "she lives in supported living… suspend the shared support" as supported living alone', () => {
    const r = ask('She lives in supported living with support shared with the others in the house and is away for a month, can we suspend it?');
    expect(r.status === 'answered' ? [r.entry!.id] : r.options.map((o) => o.id)).not.toContain('live-in-care-request');
    expect(r.status === 'answered' ? [r.entry!.id] : r.options.map((o) => o.id)).not.toContain('live-in-care-arranging');
  });

  it('still reads "the live in bids are back" as live-in care', () => {
    expect(idOf('the live in bids are back, what do I do now?')).toBe('live-in-care-arranging');
  });
});
