export { AnswerEngine, MAX_QUESTION_LENGTH, type EngineResult, type Explanation } from './engine.js';
export { contextOf, keptContext, type FollowUpContext } from './follow-up.js';
export { EngineError, type EngineErrorCode } from './errors.js';
export { answerText, answerView, resultView, sourceLine, type AnswerView, type ResultView } from './answer-view.js';
export type { Status } from './decide.js';
