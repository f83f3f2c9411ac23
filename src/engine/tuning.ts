/**
 * Every number the engine decides with, in one place. Chosen on the project's tuning sets (test/eval,
 * test/situations, test/stretch) by `npm run tune`, a grid search that scores a wrong answer as worse than a
 * "which one?" or a "not found", then checked on the held-back sets (test/holdout, test/fresh) and the
 * independent set. See docs/engine.md for what each does and how it was chosen.
 */
export interface Tuning {
  /** The blend of text evidence: whole-entry coverage, the closest phrasing, the best single sentence. */
  text: { coverage: number; phrase: number; passage: number };
  /** Slot agreement: naming a service or an action steers toward entries for it, and away from others. */
  slot: {
    serviceHit: number;
    serviceMiss: number;
    actionHit: number;
    actionMiss: number;
    /** An entry with no actions, when the question names one. */
    actionNone: number;
    /** An entry for a condition ("urgent", "cost unknown") the question does not state. */
    conditionUnsaid: number;
    /** The question names the entry's workstep or next step in full. */
    factNamed: number;
  };
  /** How much the situation around a request counts, against 1 for the clause the question is asked in. */
  contextWeight: number;
  thresholds: {
    /** Below this best score nothing fits well enough to answer or to ask which. */
    clarifyMin: number;
    /** Without a named service, the best entry must account for this share of the question's words. */
    coverageMin: number;
    /** With a named service but no action, the same test: a question about something else that happens to
     * a service ("a care home review") is not that service's procedure. */
    namedCoverageMin: number;
    /** Without a named service, for an entry agreeing with an action asked outright ("close his case"). */
    actionCoverageMin: number;
    /** The best entry must lead the next by this much to be answered on its own. */
    margin: number;
    /** Entries within this much of the best are the choices offered when clarifying. */
    clarifyBand: number;
    /** An entry that differs only in what the question left open, this close to the best, makes it a
     * "which one?". */
    siblingBand: number;
    /** A no-match reply suggests entries scoring at least this. */
    suggestMin: number;
  };
}

export const DEFAULT_TUNING: Tuning = {
  text: { coverage: 0.4, phrase: 0.35, passage: 0.2 },
  slot: {
    serviceHit: 0.3,
    serviceMiss: 0.35,
    actionHit: 0.15,
    actionMiss: 0.2,
    actionNone: 0.05,
    conditionUnsaid: 0.15,
    factNamed: 0.2,
  },
  contextWeight: 0.5,
  thresholds: {
    clarifyMin: 0.42,
    coverageMin: 0.7,
    namedCoverageMin: 0.3,
    actionCoverageMin: 0.4,
    margin: 0.07,
    clarifyBand: 0.12,
    siblingBand: 0.25,
    suggestMin: 0.3,
  },
};

/** Not tuned: how many choices a "which one?" offers and how many suggestions a "not found" carries. */
export const LIMITS = { maxOptions: 4, maxSuggestions: 3 };
