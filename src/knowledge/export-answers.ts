import { stringify } from 'yaml';
import { normalise } from '../text/normalise.js';
import { MAX_BLOCK_CHARS, MAX_TITLE_CHARS, type EntryFile } from './schema.js';
import { sentences } from './body.js';
import type { Pack } from './types.js';

/** An approved helpdesk answer as the export needs it (the store's row, read by the CLI). */
export interface ApprovedAnswer {
  id: string;
  question: string;
  wordings: readonly string[];
  answer: string;
  entryId: string | null;
  approvedBy: string | null;
  approvedAt: Date;
}

/** The file name an export is meant to be saved as in the council's folder, for review. */
export const EXPORT_FILE = 'helpdesk-answers.yaml';

/**
 * Approved helpdesk answers as an entries file of the pack (each a Q&A pair, its wordings as examples), for
 * the next review of the pack: the editor moves each pair into the entry it belongs to, or keeps it as an
 * entry of its own, and brings the procedure (or sync.differences) and the questions corpus in step.
 * `servicesOf` gives an answer's services: the related entry's, else the nearest entry's.
 */
export function exportAnswers(pack: Pack, answers: readonly ApprovedAnswer[], servicesOf: (a: ApprovedAnswer) => string[]): string {
  const taken = new Set(pack.entries.flatMap((e) => [e.title, ...e.examples]).map(normalise));
  const ids = new Set(pack.entries.map((e) => e.id));
  const entries: EntryFile[] = answers.map((a) => {
    const title = a.question.slice(0, MAX_TITLE_CHARS);
    taken.add(normalise(title));
    const examples = a.wordings.filter((w) => {
      const key = normalise(w);
      if (!key || taken.has(key)) return false;
      taken.add(key);
      return true;
    });
    const [first = '', ...rest] = chunks(a.answer);
    return {
      id: `helpdesk-${a.id.slice(0, 8)}`,
      title,
      services: servicesOf(a),
      actions: [],
      body: [{ question: title, answer: first }, ...rest],
      conditions: [],
      examples,
      keywords: [],
      links: [],
      related: a.entryId && ids.has(a.entryId) ? [a.entryId] : [],
      origin: 'helpdesk',
      source: { section: `Helpdesk answer approved ${a.approvedAt.toISOString().slice(0, 10)}${a.approvedBy ? ` by ${a.approvedBy}` : ''} (not in the procedure)` },
    };
  });
  const header = [
    `# ${pack.name}: helpdesk answers approved for the bot, exported ${new Date().toISOString().slice(0, 10)} for the next review of the pack.`,
    `# Save as knowledge/${pack.council}/${EXPORT_FILE}, or move each question and answer into its entry; then`,
    '# run npm run knowledge:train and npm run knowledge:check.',
  ].join('\n');
  return `${header}\n${stringify({ entries }, { lineWidth: 0 })}`;
}

/** Text cut at sentence ends into blocks a card can show (MAX_BLOCK_CHARS each). */
function chunks(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const sentence of sentences(text)) {
    const piece = sentence.slice(0, MAX_BLOCK_CHARS);
    if (current && current.length + 1 + piece.length > MAX_BLOCK_CHARS) {
      out.push(current);
      current = piece;
    } else current = current ? `${current} ${piece}` : piece;
  }
  if (current) out.push(current);
  return out.length > 0 ? out : [text.slice(0, MAX_BLOCK_CHARS)];
}
