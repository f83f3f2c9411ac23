import { z } from 'zod';

// Strict objects everywhere: a misspelt field in a pack is an error, not a silently ignored key.
const text = z.string().trim().min(1);
/** The most a card shows of one paragraph or list item, and of a title: longer text is split in the source. */
export const MAX_BLOCK_CHARS = 1500;
export const MAX_TITLE_CHARS = 200;
const blockText = text.max(MAX_BLOCK_CHARS, `must be at most ${MAX_BLOCK_CHARS} characters (split it: a card shows one block)`);
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)');

/**
 * A deliberate difference between a pack and its procedure, with why: source text the pack does not carry
 * (a heading left out), pack text the procedure does not have (a corrected misspelling), or both.
 */
const differenceSchema = z
  .strictObject({ source: text.optional(), pack: text.optional(), reason: text })
  .refine((d) => d.source !== undefined || d.pack !== undefined, 'give the source text, the pack text, or both');

export const packFileSchema = z.strictObject({
  council: id,
  name: text,
  document: z.strictObject({
    title: text,
    url: z.url().optional(),
    updated: z.iso.date(),
    version: text.optional(),
  }),
  askInstead: text,
  /**
   * Where to ask instead, per neighbouring topic the procedures do not cover (notCovered ids): the council's
   * own route (`askInstead`), and/or `helpdesk` for a question about commissioning the procedures leave open.
   * A topic left out is told plainly that the procedure names no contact for it.
   */
  signposts: z
    .record(id, z.strictObject({ askInstead: text.optional(), helpdesk: z.boolean().optional() }).refine((s) => s.askInstead !== undefined || s.helpdesk === true, 'give askInstead, or helpdesk: true'))
    .default({}),
  welcomeExamples: z.array(text).min(1).max(5),
  /** For `knowledge:sync`: the procedure as text (path relative to this folder) and deliberate differences. */
  sync: z
    .strictObject({
      source: text.optional(),
      differences: z.array(differenceSchema).default([]),
    })
    .optional(),
});

export const linksFileSchema = z.strictObject({
  links: z.record(
    id,
    z.strictObject({
      title: text,
      // Only addresses known from the source; see ../shared/procedures/README.md.
      url: z.url({ protocol: /^(https|mailto)$/ }).optional(),
    }),
  ),
});

const slotSchema = z.strictObject({ id, label: text, terms: z.array(text).min(1) });
/** An action may be a qualifier: it says when a procedure applies (urgently, immediately), so an entry
 * tagged with it answers only questions that say so. */
const actionSchema = slotSchema.extend({ qualifier: z.boolean().optional() });
/** A service may be a kind of another (`narrows`): a question naming both ("an out of area care home") names
 * the narrower one, and asks no choice between them. */
const serviceSchema = slotSchema.extend({ narrows: id.optional() });
const words = z.array(text);

export const vocabularyFileSchema = z.strictObject({
  stopwords: z.array(text).optional(),
  synonyms: z.record(text, z.array(text).min(1)).optional(),
  typos: z.record(text, text).optional(),
  services: z.array(serviceSchema).optional(),
  actions: z.array(actionSchema).optional(),
  /** Phrases after which a named service is the one not wanted ("a live-in carer instead of a care home"). */
  setAside: words.optional(),
  /** What the entry facts are called in questions: an entry with notes answers "what goes in the notes field". */
  factNames: z.strictObject({ workstep: text, nextStep: text, notes: text }).partial().optional(),
  /** The action a question asks for when it names a service and no action ("live in care"). */
  implicitAction: id.optional(),
  /** The actions a change of figure asks for ("from 4 calls a day to 3" is `down`, "from 10 to 14 hours" `up`):
   * the words that open and close the change, and those that make the figures times of day instead. */
  figureChange: z.strictObject({ up: id, down: id, from: text, to: text, clock: words }).optional(),
  /** Words that negate what follows them in a clause ("not", "doesn't", "no longer"). */
  negators: words.optional(),
  /** What a negated term means instead: `urgent: long term` reads "not urgent" as long term. */
  whenNegated: z.record(text, text).optional(),
  /** Words that mark the clause a question is asked in ("how", "what", "can I"); other clauses are context. */
  askCues: words.optional(),
  /** Words that start a new clause ("but", "because", "so"). Punctuation always does. */
  clauseBreaks: words.optional(),
  /** Words a clause may open with before its question cue ("so how do I", "hi, what is"). */
  fillers: words.optional(),
  /** Question shapes around a service that ask for an action: `what does * do` asks what the service's role
   * is. `*` stands for any service term. */
  questionForms: z.array(z.strictObject({ form: text.regex(/^[^*]*\*[^*]*$/, 'must hold exactly one *'), action: id })).optional(),
  /** Question shapes that ask what a term means: `what does * stand for`. `*` stands for a glossary term. */
  definitionForms: z.array(text.regex(/^[^*]*\*[^*]*$/, 'must hold exactly one *')).optional(),
  /** Words of a question asking how the whole process works ("i'm new", "commissioning process"). */
  overviewCues: words.optional(),
  /** Possessives that make any glossary name a case's own ("whats my next step"): after another sentence
   * names a service, such a question asks what to do in that case, not what the term means. */
  caseDeterminers: words.optional(),
  /** Articles that do the same, but only before a name the glossary marks as one a case can own (`caseNames`:
   * "what are the next steps", not "what is the ERRG"). */
  caseArticles: words.optional(),
  /** A question closing on "what is it?" after naming one glossary term asks what that term means. */
  definitionEchoes: words.optional(),
  /** Words asking for a figure ("how much", "maximum", "per week"): a procedure that never speaks of what is
   * being measured cannot answer them. */
  figureCues: words.optional(),
  /** Words that say a figure is not known ("we don't know how much it will cost"): a figure cue just after
   * one of them states the situation, it does not ask for the figure. */
  figureDoubts: words.optional(),
  /** Words a message opens with when it follows on from the last answer ("and for…", "what about…"). */
  followUpCues: words.optional(),
  /** Words of a follow-up asking what happens at the next stage of the last answer's procedure ("and once the
   * bids come back?", "what happens after PBST get it?"). */
  nextStageCues: words.optional(),
  /** Words pointing back at the last answer ("about it", "for that"): a follow-up, whatever it opens with. */
  backReferences: words.optional(),
  /** Words saying a message is a new question ("separate q", "unrelated"): read on its own after any answer. */
  newQuestionCues: words.optional(),
  /** Neighbouring topics the procedures do not cover: named, they get "not covered", never a procedure. */
  notCovered: z.array(slotSchema).optional(),
  /** Greetings, thanks and questions about the bot itself: a friendly reply, not "not found". */
  smalltalk: z.array(slotSchema).optional(),
});

// An entry's body keeps the source's structure: paragraphs (plain strings), the procedure's warnings, its
// numbered and bulleted lists, its questions and answers, and a reference to another entry's body where the
// source points at text that follows ("once point 1 below has been completed").
const blockSchema = z.union([
  blockText,
  z.strictObject({ warning: blockText }),
  z.strictObject({ numbered: z.array(blockText).min(1) }),
  z.strictObject({ bullets: z.array(blockText).min(1) }),
  z.strictObject({ question: blockText, answer: blockText }),
  z.strictObject({ include: id }),
]);

export const entrySchema = z.strictObject({
  id,
  title: text.max(MAX_TITLE_CHARS, `must be at most ${MAX_TITLE_CHARS} characters`),
  services: z.array(id).min(1),
  actions: z.array(id).default([]),
  facts: z
    .strictObject({ workstep: text.optional(), nextStep: text.optional(), notes: text.optional() })
    .optional(),
  body: z.array(blockSchema).min(1),
  /** What a question must say for this entry to fit: the condition the procedure starts from ("if the cost
   * of the supported living placement is unknown"). Unsaid, a sibling without the condition is preferred. */
  conditions: z.array(text).default([]),
  examples: z.array(text).default([]),
  keywords: z.array(text).default([]),
  links: z.array(id).default([]),
  related: z.array(id).default([]),
  /** Where the text comes from: the procedure (compared with it by knowledge:sync), or an approved helpdesk
   * answer exported for review (npm run knowledge:export-answers), which the procedure does not have. */
  origin: z.enum(['procedure', 'helpdesk']).default('procedure'),
  source: z.strictObject({
    section: text,
    document: text.optional(),
    updated: z.iso.date().optional(),
    version: text.optional(),
  }),
});

export const entriesFileSchema = z.strictObject({ entries: z.array(entrySchema).min(1) });

/** A term the procedure uses, for "what is…" questions: its definition is a body like an entry's. */
const glossaryTermSchema = z
  .strictObject({
  id,
  /** As shown: "PBST (Personal Budget Support Team)". */
  term: text.max(MAX_TITLE_CHARS, `must be at most ${MAX_TITLE_CHARS} characters`),
  /** Other ways to name it in a question ("personal budget support team", "conv 3"). */
  aliases: z.array(text).default([]),
  /** Names a case can own: after a sentence naming a service, "what's the next step?" asks that case's step
   * (with `caseArticles`), where "what is the ERRG?" still asks the term. */
  caseNames: z.array(text).default([]),
  /** The procedure's words, when no single entry already says what the term is. */
  definition: z.array(blockSchema).min(1).optional(),
  /** The entry that says what the term is ("what is PBST" → the role of PBST): answered with that entry. */
  answeredBy: id.optional(),
  /** Entries the term appears in, offered under the definition. */
  entries: z.array(id).default([]),
  source: z.strictObject({ section: text }).optional(),
  })
  .refine((t) => (t.definition === undefined) !== (t.answeredBy === undefined), 'give a definition (with its source) or answeredBy, not both')
  .refine((t) => t.definition === undefined || t.source !== undefined, 'a definition needs its source: { section }');

export const glossaryFileSchema = z.strictObject({ glossary: z.array(glossaryTermSchema).min(1) });

/** The process end to end for new staff, and the order of the guided tour. */
export const overviewFileSchema = z.strictObject({
  overview: z.strictObject({
    title: text.max(MAX_TITLE_CHARS),
    intro: blockText,
    steps: z.array(z.strictObject({ text: blockText, entry: id })).min(2),
    /** Every entry, in the procedure's order: one tour card each. */
    tour: z.array(id).min(1),
  }),
});

export type PackFile = z.infer<typeof packFileSchema>;
export type LinksFile = z.infer<typeof linksFileSchema>;
export type VocabularyFile = z.infer<typeof vocabularyFileSchema>;
export type EntryFile = z.infer<typeof entrySchema>;
export type Block = z.infer<typeof blockSchema>;
export type Slot = z.infer<typeof slotSchema>;
export type ServiceSlot = z.infer<typeof serviceSchema>;
export type ActionSlot = z.infer<typeof actionSchema>;
