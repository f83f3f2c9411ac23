import { existsSync, readFileSync } from 'node:fs';
import { normalise } from '../text/normalise.js';
import { sentences, type BodyBlock } from './body.js';
import type { Finding } from './check.js';
import { displayPath } from './read-yaml.js';
import type { Entry, Pack } from './types.js';

/** `knowledge:sync`'s answer, in the shape its JSON output promises. */
export interface SyncReport {
  council: string;
  source: string;
  inSync: boolean;
  /** Entry sentences the procedure no longer has. */
  stale: Array<{ entryId: string; text: string }>;
  /** Procedure sentences no entry carries, by line (1-based). */
  uncovered: Array<{ line: number; text: string }>;
}

// Comparison is on `normalise`d words: case, whitespace, line wrapping, dash and quote styles and other
// punctuation do not count; every word and number does (a changed number, team or mailbox, a removed "not").
const flat = (text: string) => ` ${normalise(text)} `;

// List markers and the document's Q/A labels are layout, not text.
const MARKER = /^\s*(?:[-•*]\s+|\d+[.)]\s+|[QA]:\s*)/;
const ENDS_SENTENCE = /[.;:?!)]\s*$/;

/**
 * The procedure's sentences with the line each starts on. A line that does not end a sentence and is
 * followed by one starting in lower case is one wrapped paragraph: the two are read as one.
 */
export function sourceSentences(text: string): Array<{ line: number; text: string }> {
  const paragraphs: Array<{ line: number; text: string }> = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const last = paragraphs.at(-1);
    const continues = last && !ENDS_SENTENCE.test(last.text) && /^[\p{Ll}\p{N}(]/u.test(line) && !MARKER.test(raw);
    if (continues) last.text = `${last.text} ${line}`;
    else paragraphs.push({ line: i + 1, text: line.replace(MARKER, '') });
  });
  return paragraphs.flatMap((p) => sentences(p.text).map((s) => ({ line: p.line, text: s })));
}

/** An entry's own sentences as the procedure words them: paragraphs, warnings, list items, questions, answers. */
export function entrySentences(entry: Entry): string[] {
  const of = (body: readonly BodyBlock[]): string[] =>
    body.flatMap((block) => {
      if (typeof block === 'string') return sentences(block);
      if ('warning' in block) return sentences(block.warning);
      if ('numbered' in block) return block.numbered.flatMap(sentences);
      if ('bullets' in block) return block.bullets.flatMap(sentences);
      if ('question' in block) return [...sentences(block.question), ...sentences(block.answer)];
      return []; // an included entry's body is that entry's, checked there
    });
  return of(entry.body);
}

/** Whether `piece` covers every word of `sentence`, with the pack's sentences tiling it. */
function covered(sentence: string, pieces: readonly string[]): boolean {
  const target = flat(sentence);
  const done = new Array<boolean>(target.trim().split(' ').length).fill(false);
  for (const piece of pieces) {
    if (piece.includes(target)) return true;
    let at = target.indexOf(piece);
    while (at !== -1) {
      const start = target.slice(0, at + 1).trim().split(' ').filter(Boolean).length;
      const length = piece.trim().split(' ').length;
      for (let k = start; k < start + length; k++) done[k] = true;
      at = target.indexOf(piece, at + 1);
    }
  }
  return done.every(Boolean);
}

/** Compares a pack with a text version of its procedure. Deliberate differences recorded in the pack pass. */
export function comparePack(pack: Pack, sourceText: string, sourceName: string): SyncReport {
  const sentencesOfSource = sourceSentences(sourceText);
  const source = flat(sentencesOfSource.map((s) => s.text).join(' '));
  const packOnly = new Set(pack.sync.differences.flatMap((d) => (d.pack ? [normalise(d.pack)] : [])));
  const sourceOnly = pack.sync.differences.flatMap((d) => (d.source ? [flat(d.source)] : []));

  const stale: SyncReport['stale'] = [];
  const pieces: string[] = [...sourceOnly];
  // A helpdesk answer is not the procedure's text: the review decides where it goes.
  for (const entry of pack.entries.filter((e) => e.origin !== 'helpdesk')) {
    for (const text of entrySentences(entry)) {
      const words = flat(text);
      if (words.trim() === '') continue;
      pieces.push(words);
      if (!source.includes(words) && !packOnly.has(words.trim())) stale.push({ entryId: entry.id, text });
    }
  }
  const uncovered = sentencesOfSource.filter((s) => normalise(s.text) !== '' && !covered(s.text, pieces));
  return { council: pack.council, source: sourceName, inSync: stale.length === 0 && uncovered.length === 0, stale, uncovered };
}

/**
 * For `knowledge:check`: a pack not in step with its procedure is an error per sentence; a procedure file
 * named but absent (a copy of the packs elsewhere) is a warning, since there is nothing to compare with.
 */
export function syncFindings(pack: Pack): Finding[] {
  const council = pack.council;
  const file = pack.sync.source;
  if (!file) return [];
  if (!existsSync(file)) return [{ level: 'warning', council, message: `sync.source ${displayPath(file)} not present: not compared with the procedure` }];
  const report = comparePack(pack, readFileSync(file, 'utf8'), displayPath(file));
  return [
    ...report.stale.map((s): Finding => ({ level: 'error', council, message: `entry "${s.entryId}": "${s.text}" is not in ${report.source} (stale; see npm run knowledge:sync)` })),
    ...report.uncovered.map((u): Finding => ({ level: 'error', council, message: `${report.source} line ${u.line}: "${u.text}" is in no entry (uncovered; see npm run knowledge:sync)` })),
  ];
}
