/**
 * Lower-cases and flattens text to plain words: Unicode compatibility forms folded, every dash and
 * apostrophe style treated alike ("Purchase Services – Personal Budget" and "- " match), "&" read as
 * "and", a possessive or contracted "'s" dropped ("the lady's carers", "she's"), other apostrophes dropped
 * so "can't" is one word, all other punctuation a word break.
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/(\p{L})['\u2018\u2019\u02bc`]s(?!\p{L})/gu, '$1')
    .replace(/['\u2018\u2019\u02bc`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function words(text: string): string[] {
  const flat = normalise(text);
  return flat ? flat.split(' ') : [];
}
