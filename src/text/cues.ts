import { words } from './normalise.js';

/** Whether a question holds one of the cue phrases anywhere, as whole words ("and once the bids come back"). */
export const containsCue = (question: string, cues: readonly string[]): boolean => cueAt(question, cues, false);

/** Whether a question opens with one of the cue phrases, as whole words ("and for supported living?"). */
export const startsWithCue = (question: string, cues: readonly string[]): boolean => cueAt(question, cues, true);

function cueAt(question: string, cues: readonly string[], opening: boolean): boolean {
  const asked = words(question);
  const starts = opening ? [0] : asked.map((_, at) => at);
  return cues.some((cue) => {
    const cueWords = words(cue);
    return cueWords.length > 0 && starts.some((at) => cueWords.every((w, i) => asked[at + i] === w));
  });
}
