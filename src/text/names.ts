/**
 * People's names in a question, by their shape: a capitalised word with a possessive ("Bill's homecare
 * agency", "Mrs Green's daughter") that does not open a sentence. A name can be a word the procedures'
 * neighbouring topics use ("Bill" for billing); read as a word, it would answer for them.
 *
 * Returns the question with such words blanked, except those `keep` accepts (a term the procedures use:
 * "the Carer's assessment").
 */
export function withoutPossessiveNames(question: string, keep: (word: string) => boolean): string {
  return question.replace(/(^|[.!?]\s+|\s)([A-Z][a-z]+)['’]s\b/g, (whole, before: string, name: string) => {
    const opensSentence = before === '' || /[.!?]/.test(before);
    return opensSentence || keep(name.toLowerCase()) ? whole : `${before}_`;
  });
}
