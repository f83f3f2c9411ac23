/**
 * Every number the engine decides with, in one place. The rule weights come from the engine's first
 * versions (docs/engine.md); training, fusion and decision numbers are chosen by `npm run tune` on
 * leave-writers-out predictions of the questions corpus, never on an evaluation set. Ranges in the comments
 * are those in which the choice was searched or is meaningful.
 */
export interface EngineParams {
  /** How entries are scored by their words (see score.ts): the rule evidence the classifier is fused with. */
  rules: {
    /** Blend of text evidence: whole-entry coverage, the closest phrasing, the best single sentence (each 0–1). */
    text: { coverage: number; phrase: number; passage: number };
    /** Service agreement: a named service the entry is for (hit) or not (miss), 0–0.5. */
    serviceHit: number;
    serviceMiss: number;
    /** Action agreement, 0–0.3. */
    actionHit: number;
    actionMiss: number;
    /** An entry for a condition ("urgent", "cost unknown") the question does not state, 0–0.3. */
    conditionUnsaid: number;
  };
  /** How much the situation around a request counts, against 1 for the clause the question is asked in (0–1). */
  contextWeight: number;
  /** The intent classifier's training (sparse softmax, Adagrad). */
  training: { epochs: number; rate: number; l2: number; seed: number };
  /**
   * Fusion and calibration: an entry's logit is the classifier's plus `ruleWeight` × the text part of its rule
   * score and `agreementWeight` × its agreement part (services, actions, conditions), and the probabilities are
   * softmax(logits / temperature). Chosen on held-out writers (0–4, 0–4, 0.5–2). `otherService` is taken from
   * the logit of a procedure only for services other than the ones the question names (0–6).
   */
  fusion: { ruleWeight: number; agreementWeight: number; temperature: number; otherService: number };
  /** A follow-up's lean toward the conversation's last answer: added to the logit of that entry, and of the
   * entries for its service (each 0–3; not tuned: one logit is e times the odds). A follow-up that leaves its
   * service to the last one names it, for `fusion.otherService`. `sureElsewhere` (0–1; not tuned: chosen so that
   * only a confident reply on its own counts): how sure a follow-up must be on its own of procedures doing
   * what it asks for the last answer's service, which has none, to be left out. */
  followUp: { entry: number; service: number; sureElsewhere: number };
  /** Another text standing for a question (an approved helpdesk answer's wordings) is the same question when
   * their terms overlap at least this much (Dice coefficient, 0–1; not tuned: chosen on paraphrases written
   * for test/phrasings.test.ts). */
  phrasingMatch: number;
  /** Decisions on the calibrated probabilities (each 0–1). */
  decision: {
    /** Answer the most probable entry when it holds at least this. */
    answer: number;
    /** An entry is a choice of "which one?" when it holds at least this... */
    option: number;
    /** ...and the choices together hold at least this. */
    clarify: number;
    /** "Not covered" when the neighbouring topics together hold at least this and lead. */
    notCovered: number;
    /** A "not found" suggests entries holding at least this. */
    suggest: number;
    /** A procedure differing from the most probable one only in the service, which the question leaves
     * unsaid, is offered beside it when it holds at least this, however sure the classifier is. */
    sibling: number;
    /** The same for a condition the question does not state in the pack's words: higher, since the classifier
     * has read conditions said in other words ("respite in his budget that hasn't been used"). */
    conditionSibling: number;
  };
}

export const DEFAULT_PARAMS: EngineParams = {
  rules: {
    text: { coverage: 0.4, phrase: 0.35, passage: 0.2 },
    serviceHit: 0.3,
    serviceMiss: 0.35,
    actionHit: 0.15,
    actionMiss: 0.2,
    conditionUnsaid: 0.15,
  },
  contextWeight: 0.5,
  training: { epochs: 40, rate: 0.5, l2: 5e-4, seed: 1 },
  fusion: { ruleWeight: 0, agreementWeight: 0.5, temperature: 0.7, otherService: 1 },
  followUp: { entry: 1, service: 0.5, sureElsewhere: 0.9 },
  phrasingMatch: 0.6,
  decision: { answer: 0.75, option: 0.05, clarify: 0.3, notCovered: 0.25, suggest: 0.05, sibling: 0.01, conditionSibling: 0.05 },
};

/** Not tuned: how many choices a "which one?" offers and how many suggestions a "not found" carries. */
export const LIMITS = { maxOptions: 4, maxSuggestions: 3 };
