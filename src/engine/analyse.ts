import { words } from '../text/normalise.js';
import { SERVICE_MARK, type Lexicon, type SlotKind } from './lexicon.js';

/** A service or action the question names, and how much it counts. */
export interface SlotHit {
  kind: SlotKind;
  id: string;
  /** 1 in the clause the question is asked in, less in the situation around it. */
  weight: number;
  /** Not said, only implied: a service named alone asks how to get it. */
  implicit?: boolean;
}

/** A content word of the question, as a stem, with how much it counts. */
export interface QueryTerm {
  stem: string;
  weight: number;
  /** Part of a service or action term. */
  slot: boolean;
  /** Reached by a negator: still the topic, but not a condition the question states. */
  negated: boolean;
}

/** What a question says once its words are put in the pack's terms. */
export interface Analysis {
  /** Canonical words, typos fixed, synonyms applied, negated meanings resolved. */
  tokens: string[];
  /** For each token, whether a negator reaches it. */
  negated: boolean[];
  /** Service and action ids the question asks about, strongest first. */
  services: SlotHit[];
  actions: SlotHit[];
  terms: QueryTerm[];
  /** Stems of the content words. */
  content: string[];
  /** The part of `content` that is not a service or action term: what else the question says. */
  residual: string[];
  /** Neighbouring topics the procedures do not cover, named where the question is asked. */
  notCovered: string[];
  /** Set when the whole message is small talk ("hello", "thanks", "who are you"). */
  smalltalk?: string;
  /** Whether part of the question is situation rather than request. */
  hasContext: boolean;
  /** Figures the request asks for ("how much", "maximum"), each as the content stems a procedure would need. */
  figures: string[][];
  /** Words as typed that appear only in the situation around the request ("he came out of hospital, …"). */
  situation: ReadonlySet<string>;
}

/** How much an action counts that the question left unsaid. */
const IMPLICIT_WEIGHT = 0.5;
/** ...and only when the question says little else: "resi placement", not "what training do home carers need". */
const IMPLICIT_MAX_RESIDUAL = 1;
/** A negator reaches this many content words forward, within its clause: "doesn't need her lunchtime call",
 * "isn't in her budget", but not "can't manage the reduced package". */
const NEGATION_REACH = 1;
/** Punctuation that ends a clause; a spaced dash too ("resi placement - what's needed"). */
const CLAUSE_PUNCTUATION = /[,;:.!?\n()]+|\s[-\u2013\u2014]+\s/;

interface Token {
  word: string;
  clause: number;
  negated: boolean;
}

/** What the analysis needs to know of the pack's index and tuning. */
export interface AnalysisOptions {
  /** How much the situation around a request counts against the request itself. */
  contextWeight: number;
  /** A service every procedure speaks of (PBST, Mosaic): naming it does not make a request specific. */
  pervasive: (serviceId: string) => boolean;
  /** Whether any entry uses this stem: an unknown word ("how does that work") is not a topic. */
  knows: (stem: string) => boolean;
}

interface Found extends SlotHit {
  at: number;
  length: number;
  clause: number;
  ruledOut: boolean;
}

export function analyse(lexicon: Lexicon, question: string, options: AnalysisOptions): Analysis {
  const clauses = splitClauses(lexicon, question);
  const tokens = resolveNegations(lexicon, markNegations(lexicon, clauses));
  const words = tokens.map((t) => t.word);
  const asked = new Set(clauses.flatMap((c, i) => (c.ask ? [i] : [])));

  // A service right after "instead of" / "rather than" is the one not wanted. (Stopwords before it are passed
  // over, but not one that opens the service's name: "home" of "rather than home care".)
  const slotStarts = new Set(lexicon.slots.scan(words).flatMap((m) => (m.value ? [m.at] : [])));
  const setAsideAt = new Set<number>();
  for (const { at, length } of lexicon.setAside.scan(words)) {
    let next = at + length;
    while (next < words.length && lexicon.stopwords.has(words[next]!) && !slotStarts.has(next)) next++;
    setAsideAt.add(next);
  }

  const found: Found[] = [];
  /** Multi-word terms ("care home", "conversation 3"): one term each, as the index has them. */
  const phrases = new Map<number, number>();
  const inSlot = new Set<number>();
  for (const { at, length, value } of lexicon.slots.scan(words)) {
    if (length > 1) phrases.set(at, length);
    if (!value) continue;
    const span = tokens.slice(at, at + length);
    const negated = span.some((t) => t.negated);
    const setAside = value.kind === 'services' && setAsideAt.has(at);
    const ruledOut = negated || setAside;
    // "rather than a care home" reads as "not a care home" from here on: its words are negated terms.
    if (setAside) for (const t of span) t.negated = true;
    for (let i = at; i < at + length; i++) inSlot.add(i);
    found.push({ ...value, weight: 1, at, length, clause: span[0]!.clause, ruledOut });
  }
  // "what does brokerage do", "who are PBST": a question shape around a service asks for an action.
  for (const action of formActions(lexicon, words, found)) {
    found.push({ kind: 'actions', id: action, weight: 1, at: -1, length: 0, clause: -1, ruledOut: false });
  }

  // The request is the clause a question cue opens ("…, how do I take it off"); the rest is situation. It
  // counts as a request only when it is about something: a specific service, or a word the procedures use
  // that is not an action ("what do I need to do on mosaic" leaves the situation to say what is needed).
  const specific = (h: Found) => h.kind === 'services' && !h.ruledOut && !options.pervasive(h.id);
  const topical = (clause: number) =>
    found.some((h) => h.clause === clause && specific(h)) ||
    tokens.some(
      (t, i) =>
        t.clause === clause &&
        !inSlot.has(i) &&
        lexicon.isContent(t.word) &&
        options.knows(lexicon.stem(t.word)) &&
        !lexicon.actionStems.has(lexicon.stem(t.word)),
    );
  const hasContext = asked.size > 0 && asked.size < clauses.length && [...asked].some(topical);
  const inRequest = (clause: number) => !hasContext || clause === -1 || asked.has(clause);
  // A service or action named only in the situation still decides when the request names none of its kind
  // ("he's back from hospital and can't manage four calls a day, how do I get him more").
  const names = (kind: SlotKind) =>
    found.some((h) => h.kind === kind && !h.ruledOut && inRequest(h.clause) && (kind === 'actions' || specific(h)));
  const requestNamed = { services: names('services'), actions: names('actions') };
  const requestNames = (kind: SlotKind) => requestNamed[kind];
  const slotWeight = (h: Found) => (inRequest(h.clause) || !requestNames(h.kind) ? 1 : options.contextWeight);
  for (const h of found) h.weight = slotWeight(h);

  const termWeights = new Map<string, QueryTerm>();
  const slotAt = new Map(found.filter((h) => h.at >= 0).map((h) => [h.at, h]));
  for (let i = 0; i < tokens.length; ) {
    const length = phrases.get(i) ?? 1;
    const span = tokens.slice(i, i + length);
    const hit = slotAt.get(i);
    i += length;
    if (length === 1 && !lexicon.isContent(span[0]!.word)) continue;
    const stem = length === 1 ? lexicon.stem(span[0]!.word) : lexicon.phraseTerm(span.map((t) => t.word));
    // A negated action word is not asked for, but it is still what the question talks about ("why can't
    // PBST see my request" is about the request): it stays a word to match, not a slot.
    const slot = hit !== undefined && !(hit.kind === 'actions' && hit.ruledOut);
    const weight = hit ? hit.weight : inRequest(span[0]!.clause) ? 1 : options.contextWeight;
    const negated = span.some((t) => t.negated);
    const known = termWeights.get(stem);
    termWeights.set(stem, {
      stem,
      weight: Math.max(weight, known?.weight ?? 0),
      slot: slot || (known?.slot ?? false),
      negated: negated && (known?.negated ?? true),
    });
  }
  const terms = [...termWeights.values()];

  // A negated or set-aside service stays the subject when nothing else is named ("doesn't need her
  // call any more" is still about home care); a negated action is simply not asked for.
  const pick = (kind: SlotKind, fallback: boolean) => {
    const all = found.filter((h) => h.kind === kind);
    const wanted = all.filter((h) => !h.ruledOut);
    return strongest(wanted.length > 0 || !fallback ? wanted : all);
  };
  const services = pick('services', true);
  let actions = pick('actions', false);
  // "From 4 calls a day to 3": a change of figure asks to increase or reduce, when neither is named.
  const change = lexicon.vocabulary.figureChange;
  const direction = change && !actions.some((a) => a.id === change.up || a.id === change.down) ? figureDirection(words, change) : undefined;
  if (direction) actions = [{ kind: 'actions', id: change![direction], weight: 1 }, ...actions];
  // A service named alone, or nearly, asks how to get it ("live in care", "resi placement"): a weak hint.
  const implicit = lexicon.vocabulary.implicitAction;
  const residual = terms.filter((t) => !t.slot);
  if (actions.length === 0 && services.length > 0 && implicit && residual.length <= IMPLICIT_MAX_RESIDUAL) {
    actions = [{ kind: 'actions', id: implicit, weight: IMPLICIT_WEIGHT, implicit: true }];
  }

  // A neighbouring topic counts where the question is asked, and in the situation when the request itself
  // names no service or action ("the care home wants a top up fee, who do I speak to?").
  const requestNamesSlot = requestNames('services') || requestNames('actions');
  const notCovered = lexicon.notCovered
    .scan(words)
    .filter(({ at, length }) => {
      const span = tokens.slice(at, at + length);
      return !span.some((t) => t.negated) && (inRequest(span[0]!.clause) || !requestNamesSlot);
    })
    .map((m) => m.value);

  return {
    tokens: words,
    negated: tokens.map((t) => t.negated),
    services,
    actions,
    terms,
    content: terms.map((t) => t.stem),
    residual: residual.map((t) => t.stem),
    notCovered: [...new Set(notCovered)],
    smalltalk: smalltalkOf(lexicon, question),
    hasContext,
    situation: situationOnly(clauses, asked, hasContext),
    figures: figuresAsked(lexicon, clauses, asked, hasContext),
  };
}

/** How many typed words before a figure cue a doubt may stand ("nobody knows yet how much"). */
const DOUBT_REACH = 3;

/** The figures a question asks for: cues in a clause it is asked in, not just after a doubt ("we don't know
 * how much the placement will cost" states the situation of the cost-unknown procedure). */
function figuresAsked(lexicon: Lexicon, clauses: readonly Clause[], asked: ReadonlySet<number>, hasContext: boolean): string[][] {
  const raw = clauses.flatMap((c) => c.raw);
  const doubts = lexicon.figureDoubts.scan(raw);
  return lexicon.figureCues
    .scan(raw)
    .filter(({ at }) => inRequestRaw(clauses, asked, hasContext, at))
    .filter(({ at }) => !doubts.some((d) => d.at + d.length <= at && at - (d.at + d.length) < DOUBT_REACH))
    .map((m) => m.value);
}

/** Whether the typed word at `at` (counting across clauses) is in a clause the question is asked in. */
function inRequestRaw(clauses: readonly Clause[], asked: ReadonlySet<number>, hasContext: boolean, at: number): boolean {
  if (!hasContext) return true;
  for (let i = 0, start = 0; i < clauses.length; start += clauses[i]!.raw.length, i++) {
    if (at < start + clauses[i]!.raw.length) return asked.has(i);
  }
  return false;
}

function situationOnly(clauses: readonly Clause[], asked: ReadonlySet<number>, hasContext: boolean): Set<string> {
  if (!hasContext) return new Set();
  const request = new Set(clauses.flatMap((c, i) => (asked.has(i) ? c.raw : [])));
  return new Set(clauses.flatMap((c, i) => (asked.has(i) ? [] : c.raw.filter((w) => !request.has(w)))));
}

/** Actions asked for by the shape of the question around a service term. */
function formActions(lexicon: Lexicon, words: string[], found: readonly Found[]): string[] {
  const services = found.filter((h) => h.kind === 'services');
  if (services.length === 0) return [];
  const shape: string[] = [];
  for (let i = 0; i < words.length; ) {
    const hit = services.find((h) => h.at === i);
    if (hit) {
      shape.push(SERVICE_MARK);
      i += hit.length;
    } else {
      const word = words[i++]!;
      // A chat word no shape uses ("what does PBST actually do") does not break the shape.
      if (!lexicon.stopwords.has(word) || lexicon.formWords.has(word)) shape.push(word);
    }
  }
  return lexicon.questionForms.scan(shape).map((m) => m.value);
}

function strongest(hits: SlotHit[]): SlotHit[] {
  const byId = new Map<string, SlotHit>();
  for (const h of hits) {
    const known = byId.get(h.id);
    if (!known || known.weight < h.weight) byId.set(h.id, { kind: h.kind, id: h.id, weight: h.weight });
  }
  return [...byId.values()].sort((a, b) => b.weight - a.weight);
}

interface Clause {
  words: string[];
  /** The clause's words as typed, before spelling and synonyms. */
  raw: string[];
  ask: boolean;
}

/** Clauses at punctuation and at clause-break words; a clause is asked in when a question cue opens it. */
function splitClauses(lexicon: Lexicon, question: string): Clause[] {
  const out: Clause[] = [];
  for (const piece of question.split(CLAUSE_PUNCTUATION)) {
    let current: string[] = [];
    const flush = () => {
      if (current.length === 0) return;
      // A question cue counts when it opens the clause, after any filler ("so how do I…", "hi, what is…").
      let first = 0;
      while (first < current.length && lexicon.fillers.has(current[first]!)) first++;
      const cue = lexicon.askCues.scan(current.slice(first)).some((m) => m.at === 0);
      out.push({ words: lexicon.rewrite(current), raw: current, ask: cue });
      current = [];
    };
    for (const w of words(piece)) {
      if (lexicon.clauseBreaks.has(w)) flush();
      current.push(w);
    }
    flush();
  }
  // A question mark with no cue word ("respite already in the budget?") still marks the clause asked in.
  if (out.length > 0 && !out.some((c) => c.ask) && /\?\s*$/.test(question)) out[out.length - 1]!.ask = true;
  return out;
}

/** Marks the content words each negator reaches, within its own clause. */
function markNegations(lexicon: Lexicon, clauses: Clause[]): Token[] {
  const tokens: Token[] = [];
  clauses.forEach((clause, index) => {
    const negated = new Set<number>();
    for (const { at, length } of lexicon.negators.scan(clause.words)) {
      let reach = NEGATION_REACH;
      for (let i = at + length; i < clause.words.length && reach > 0; i++) {
        negated.add(i);
        if (lexicon.isContent(clause.words[i]!)) reach--;
      }
    }
    clause.words.forEach((word, i) => tokens.push({ word, clause: index, negated: negated.has(i) }));
  });
  return tokens;
}

/** Replaces a negated term by what its negation means in the pack ("not urgent" → long term). */
function resolveNegations(lexicon: Lexicon, tokens: Token[]): Token[] {
  const matches = lexicon.whenNegated.scan(tokens.map((t) => t.word)).filter(({ at }) => tokens[at]!.negated);
  if (matches.length === 0) return tokens;
  const out: Token[] = [];
  let next = 0;
  for (const { at, length, value } of matches) {
    out.push(...tokens.slice(next, at));
    for (const word of value) out.push({ word, clause: tokens[at]!.clause, negated: false });
    next = at + length;
  }
  out.push(...tokens.slice(next));
  return out;
}

/** Small talk is short: "hello", "thanks a lot", "what can you do for me". */
const SMALLTALK_MAX_WORDS = 8;

/** The small-talk kind when every word of the message is small talk or a chat word. */
function smalltalkOf(lexicon: Lexicon, question: string): string | undefined {
  const raw = words(question);
  if (raw.length > SMALLTALK_MAX_WORDS) return undefined;
  const hits = lexicon.smalltalk.scan(raw);
  if (hits.length === 0) return undefined;
  const covered = new Set(hits.flatMap(({ at, length }) => Array.from({ length }, (_, i) => at + i)));
  return raw.every((w, i) => covered.has(i) || lexicon.stopwords.has(w)) ? hits[0]!.value : undefined;
}

/** How far after "from N" the "to M" of a change of figure may come ("from 4 calls a day to 3"), and how far
 * after it a word of the clock makes both times of day ("from 7 to 9 in the morning"). */
const FIGURE_REACH = 5;
const CLOCK_REACH = 3;

/** "From N … to M": up or down, when both are numbers, differ, and are not times of day. Words come
 * canonical (digits as typed); `from`, `to` and the clock words are the vocabulary's. */
export function figureDirection(tokens: readonly string[], words: { from: string; to: string; clock: readonly string[] }): 'up' | 'down' | undefined {
  const number = (w: string | undefined) => w !== undefined && /^\d+$/.test(w);
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (tokens[i] !== words.from || !number(tokens[i + 1])) continue;
    for (let j = i + 2; j < Math.min(tokens.length - 1, i + 2 + FIGURE_REACH); j++) {
      if (tokens[j] !== words.to || !number(tokens[j + 1])) continue;
      if (tokens.slice(j + 2, j + 2 + CLOCK_REACH).some((w) => words.clock.includes(w))) return undefined;
      const from = Number(tokens[i + 1]);
      const to = Number(tokens[j + 1]);
      if (from !== to) return to > from ? 'up' : 'down';
    }
  }
  return undefined;
}
