import { describe, expect, it } from 'vitest';
import { redact } from '../src/store/redact.js';
import { realEngine } from './helpers/knowledge.js';

const engine = realEngine();
const knows = (word: string) => engine.knowsWord('reading', word);

// Each pattern both ways: what it must replace, and the look-alike a practitioner types that it must keep.
describe('redacting what a practitioner typed before it is stored', () => {
  it.each([
    ['email', 'send it to jo.bloggs+care@reading.gov.uk please', 'send it to [email] please'],
    ['mobile', 'her son is on 07700 900123', 'her son is on [phone]'],
    ['landline with code', 'ring (0118) 937 3737 or +44 20 7946 0958', 'ring [phone] or [phone]'],
    ['NHS number spaced', 'NHS 943 476 5919 needs review', 'NHS [nhs-number] needs review'],
    ['NHS number run together', 'nhs no 9434765919', 'nhs no [nhs-number]'],
    ['postcode', 'lives at RG1 2LU near SW19 2JR', 'lives at [postcode] near [postcode]'],
    ['numeric date', 'discharged 12/03/2024 and seen 3-4-24', 'discharged [date] and seen [date]'],
    ['written date', 'from 3rd March 2024 until March 10', 'from [date] until [date]'],
    ['street address', 'moved to 12 Acacia Road last week', 'moved to [address] last week'],
    ['Mosaic person id', 'person id 1234567 on Mosaic', 'person id [id] on Mosaic'],
    ['name after a title', 'Mrs Khan and mr patel and Dr J. Smith', 'Mrs [name] and mr [name] and Dr [name]'],
    ['title and full name', "Miss Jane Doe's package", 'Miss [name] package'],
  ])('replaces %s', (_kind, typed, stored) => {
    expect(redact(typed)).toBe(stored);
  });

  it.each([
    ['a short number', 'increase by 3 hours to 14 calls a week'],
    ['a year on its own', 'the 2024 rates'],
    ['a procedure code word', 'what does PBST need for live-in care'],
    ['a title word used as a word', 'did I miss the finish tab'],
    ['a form name', 'CHC checklist before section 117'],
    ['a four digit room number', 'room 1234 at the home'],
  ])('keeps %s', (_kind, typed) => {
    expect(redact(typed)).toBe(typed);
  });

  it('takes a capitalised word the pack does not know inside a sentence for a name', () => {
    expect(redact('client Jane Smith is in hospital, how do I pause her home care', knows)).toBe(
      'client [name] is in hospital, how do I pause her home care',
    );
    expect(redact('Jane Smith needs more home care', knows)).toBe('[name] needs more home care');
  });

  it("keeps the procedures' own capitalised words, a capital opening a sentence, and unknown words in lower case", () => {
    const typed = 'Pause home care in Mosaic and tell PBST. Can I book annual leave?';
    expect(redact(typed, knows)).toBe(typed);
  });
});
