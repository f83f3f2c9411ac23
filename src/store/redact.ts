/**
 * Replaces personal data in what a practitioner typed before anything is stored: the helpdesk must read what
 * people ask ("annual leave", "a top up fee") without learning who it was about. Patterns, in the order they
 * are applied (an email before its digits, a phone number before an NHS number):
 *
 * - email addresses → [email]
 * - UK phone numbers (07…, 01…, 02…, +44…) → [phone]
 * - NHS numbers (ten digits, spaced 3-3-4 or not) → [nhs-number]
 * - postcodes (RG1 2LU, SW19 2JR) → [postcode]
 * - dates (12/03/2024, 12-3-24, 3rd March, March 3rd 2024, 1 Jan) → [date]
 * - house-number-and-street addresses (12 High Street) → [address]
 * - runs of five or more digits (Mosaic person ids) → [id]
 * - a name after a title (Mr, Mrs, Ms, Miss, Mx, Dr, Sir, Lady, Master, Prof), with an initial or a second
 *   capitalised word when there is one → the title kept, the name as [name]
 *
 * - with `knows` (the council's vocabulary): a capitalised word the pack does not know, inside a sentence
 *   ("client Jane Smith is in hospital"), or two such words opening one ("Jane Smith is…") → [name]
 *
 * Other words are kept as typed, those the packs do not know included ("annual leave"): what people ask is
 * what the helpdesk needs to see. A name typed in lower case without a title cannot be told from a word and
 * is kept: the limit of doing this without a list of names.
 */
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const STREET =
  '(?:street|st|road|rd|avenue|ave|close|lane|ln|drive|dr|way|court|ct|crescent|gardens|gdns|place|pl|grove|terrace|hill|row|square|sq|walk|mews|park)';
/** Any case: "mrs", "MRS", "Mrs". */
const anyCase = (word: string) => [...word].map((c) => `[${c}${c.toUpperCase()}]`).join('');
// Always a title; and titles that are also ordinary words ("did I miss the finish tab") only before a capital.
const TITLE = `(?:${['mrs', 'mr', 'ms', 'mx', 'dr', 'prof'].map(anyCase).join('|')})`;
const CAPITAL_TITLE = '(?:Miss|MISS|Sir|SIR)';
/** After the first word of a name: its possessive, or a second capitalised word that is not an acronym
 * ("Mrs Khan's NHS number" keeps "NHS"; "Miss Jane Doe" loses both). */
const REST = "(?:'s\\b|(?:\\s+[A-Z][a-z][\\w'-]*)?)";

const RULES: Array<[RegExp, string]> = [
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]'],
  [/(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)/g, '[phone]'],
  [/\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/g, '[nhs-number]'],
  [/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi, '[postcode]'],
  [/\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/g, '[date]'],
  [new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}\\b(?:,?\\s+\\d{4})?`, 'gi'), '[date]'],
  [new RegExp(`\\b${MONTH}\\s+${DAY}\\b(?:,?\\s+\\d{4})?`, 'gi'), '[date]'],
  [new RegExp(`\\b\\d{1,4}[a-z]?\\s+(?:[A-Z][a-z]+\\s+){1,3}${STREET}\\b`, 'gi'), '[address]'],
  [/\b\d{5,}\b/g, '[id]'],
  // "Mrs Khan", "mr x", "Dr J Smith", "Miss Jane Doe": the title stays, what names the person goes.
  [new RegExp(`\\b(${TITLE})\\.?\\s+(?:[A-Za-z]\\.?\\s+)?[A-Za-z][\\w-]*${REST}`, 'g'), '$1 [name]'],
  [new RegExp(`\\b(${CAPITAL_TITLE})\\s+(?:[A-Z]\\.?\\s+)?[A-Z][\\w-]*${REST}`, 'g'), '$1 [name]'],
];

export function redact(text: string, knows?: (word: string) => boolean): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return knows ? redactCapitalised(out, knows) : out;
}

const CAPITALISED = /^[A-Z][a-z]+(?:['’-][A-Za-z]+)*$/;

function redactCapitalised(text: string, knows: (word: string) => boolean): string {
  // Words at even places, what separates them at odd places: the separators say where sentences start.
  const parts = text.split(/([^A-Za-z'’-]+)/);
  const unknown = (i: number) => {
    const word = parts[i];
    return word !== undefined && CAPITALISED.test(word) && !knows(word.toLowerCase().replace(/['’]s$/, ''));
  };
  const name = new Set<number>();
  let sentenceStart = true;
  for (let i = 0; i < parts.length; i += 2) {
    if (parts[i]) {
      // Opening a sentence a capital says nothing, unless the next word is an unknown capital too.
      const joined = /^\s+$/.test(parts[i + 1] ?? '');
      if (unknown(i) && (!sentenceStart || name.has(i - 2) || (joined && unknown(i + 2)))) name.add(i);
      sentenceStart = false;
    }
    if (/[.!?\n]/.test(parts[i + 1] ?? '')) sentenceStart = true;
  }
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const inside = name.has(i - 1) && name.has(i + 1) && /^\s+$/.test(parts[i]!);
    if (name.has(i)) out += name.has(i - 2) && /^\s+$/.test(parts[i - 1]!) ? '' : '[name]';
    else if (!inside) out += parts[i];
  }
  return out;
}
