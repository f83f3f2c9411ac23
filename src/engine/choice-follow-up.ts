import type { Passage } from '../knowledge/body.js';
import type { EngineResult } from './engine.js';
import { containsCue } from '../text/cues.js';
import { SETTLED, settledAnswer } from './follow-up.js';
import type { Entry, Vocabulary } from '../knowledge/types.js';

/** What reading a reply to a "which one?" needs of the engine. */
export interface ChoiceAsker {
  ask: (question: string) => EngineResult;
  /** The specific services a question names (not those every procedure names, such as PBST). */
  services: (question: string) => string[];
  /** An entry's specific services. */
  servicesOf: (entryId: string) => readonly string[];
  /** Whether an answer is a procedure (not a term's definition or the overview). */
  procedure: (entryId: string) => boolean;
  /** The actions a question names outright (not those only implied). */
  actions: (question: string) => string[];
  /** Whether a question says something that could tell choices apart: a service, or a word of its own (not
   * an action or the name of an entry fact). */
  says: (question: string) => boolean;
  entry: (entryId: string) => Entry | undefined;
  /** The sentence of an entry that answers a question. */
  passage: (question: string, entryId: string) => Passage | undefined;
}


/**
 * A message after a "which one?" that was not answered by pressing a choice: "she's already got respite in
 * her budget", "it's dom care", "what do I do in Mosaic for it?". Read on its own first: a question settled
 * by its own words, answered with one of the choices, or answered surely with another procedure, stands.
 * One that names services only one choice is for picks that choice ("and if it's out of area?" between a
 * standard and a bespoke care home); one naming a service no choice is for is a new question, and stands.
 * Otherwise it is read with the question it replies to ("asked"), since it says only what that question left
 * open: answered when that reading picks one of the choices and the message says something that could tell
 * them apart ("what goes in the notes?" says nothing about which, and the notes differ: the same choices
 * again); a "which one?" again (among the choices it still fits) when it does not; else its own reply.
 */
export function readAfterChoice(asker: ChoiceAsker, question: string, among: readonly string[], asked: string, vocabulary: Vocabulary): EngineResult {
  const alone = asker.ask(question);
  const chosen = (r: EngineResult) => r.status === 'answered' && !!r.entry && among.includes(r.entry.id);
  // ("Who should I speak to about that?" points back at the question it replies to: never a new one.)
  const pointsBack = containsCue(question, vocabulary.backReferences);
  const surely = alone.status === 'answered' && alone.reason === 'sure' && !!alone.entry && asker.procedure(alone.entry.id) && !pointsBack;
  if (SETTLED.has(alone.reason) || chosen(alone) || surely || containsCue(question, vocabulary.newQuestionCues)) return alone;
  const readWith = { readWith: [asked] };
  const named = asker.services(question);
  const servesNamed = among.filter((id) => asker.servicesOf(id).some((s) => named.includes(s)));
  // (Only when it asks nothing that choice does not do: "home care, but what if they want to stop it?" after
  // "how do I increase a package" is not increasing home care.)
  const asks = asker.actions(question);
  const consistent = (entry: Entry | undefined) => !!entry && asks.every((a) => entry.actions.includes(a));
  const candidate = servesNamed.length === 1 ? asker.entry(servesNamed[0]!) : undefined;
  const picked = consistent(candidate) ? candidate : undefined;
  if (picked) return { ...settledAnswer(alone, picked, asker.passage(`${asked} ${question}`, picked.id)), ...readWith };
  if (named.some((s) => !among.some((id) => asker.servicesOf(id).includes(s)))) return alone;
  // Read with the question it replies to, that question's words must not outvote what the reply itself asks
  // ("who do I email to cancel" after "increase a package" is no increase).
  const together = asker.ask(`${asked} ${question}`);
  if (chosen(together) && !consistent(together.entry)) return alone;
  if (chosen(together) && asker.says(question)) return { ...together, query: alone.query, reason: 'conversation', ...readWith };
  // The choices it still fits; all of them again when it picks one but says nothing that tells them apart. A
  // "which one?" among other procedures ("what about the provider list?") is the message's own question.
  const fits = (together.status === 'clarify' ? together.options : []).filter((o) => among.includes(o.id) && consistent(o));
  const options = chosen(together) ? among.flatMap((id) => asker.entry(id) ?? []) : fits;
  if (options.length < 2) return alone;
  return { query: alone.query, council: alone.council, status: 'clarify', reason: 'left-open', confidence: together.confidence, options, ...readWith };
}
