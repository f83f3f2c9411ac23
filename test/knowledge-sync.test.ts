import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePack, sourceSentences } from '../src/knowledge/sync.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { messages } from '../src/messages.js';
import { KNOWLEDGE_DIR } from './helpers/knowledge.js';
import { runScript } from './helpers/run-script.js';

const knowledge = loadKnowledge(KNOWLEDGE_DIR);
const reading = knowledge.packs.get('reading')!;
const readingText = readFileSync(reading.sync.source!, 'utf8');

/** The Reading procedure with one exact string replaced; fails if the string is not there once. */
function edit(text: string, from: string, to: string): string {
  expect(text.split(from).length - 1, from).toBe(1);
  return text.replace(from, to);
}

const lineOf = (text: string, fragment: string) => text.split('\n').findIndex((l) => l.includes(fragment)) + 1;

function sync(args: string[]) {
  const run = runScript('src/cli/knowledge-sync.ts', args);
  return { ...run, json: run.stdout.trim().startsWith('{') ? (JSON.parse(run.stdout) as Record<string, unknown>) : undefined };
}

function writeCopy(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'procedure-')), 'reading-next.txt');
  writeFileSync(file, text);
  return file;
}

describe('knowledge:sync, a pack against its procedure', () => {
  it('finds both shipped packs in step with the shipped procedures: exit 0, the JSON shape exactly', () => {
    for (const council of ['reading', 'merton']) {
      const run = sync(['--council', council, '--format', 'json']);
      expect(run.code, run.stderr).toBe(0);
      expect(Object.keys(run.json!)).toEqual(['council', 'source', 'inSync', 'stale', 'uncovered']);
      expect(run.json).toMatchObject({ council, inSync: true, stale: [], uncovered: [] });
    }
  });

  it('lists a changed, a removed and a new respite sentence: stale under their entries, uncovered by line', () => {
    const changedFrom = 'PBST confirms the respite dates with the care home and generates';
    let text = edit(readingText, changedFrom, 'PBST confirms the respite dates with the respite provider and generates');
    text = edit(text, 'Please give details of respite dates, any care home preference and/or category of care home required (residential, residential dementia, nursing, or nursing dementia) in the notes field.\n', '');
    const added = 'Respite stays of more than six weeks in a year must be agreed by ERRG before PBST book them.';
    text = edit(text, 'PBST confirms the respite dates with the respite provider and generates a Purchase Order (PO) to ensure that they can be paid.\n', `PBST confirms the respite dates with the respite provider and generates a Purchase Order (PO) to ensure that they can be paid.\n${added}\n`);
    const file = writeCopy(text);

    const run = sync(['--council', 'reading', '--source', file, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = run.json as { inSync: boolean; stale: Array<{ entryId: string; text: string }>; uncovered: Array<{ line: number; text: string }> };
    expect(report.inSync).toBe(false);
    expect(report.stale).toEqual([
      { entryId: 'respite-new-allocation', text: expect.stringContaining('Please give details of respite dates') },
      { entryId: 'respite-arranging', text: expect.stringContaining(changedFrom) },
    ]);
    expect(report.uncovered).toEqual([
      { line: lineOf(text, 'with the respite provider'), text: expect.stringContaining('with the respite provider') },
      { line: lineOf(text, added), text: added },
    ]);

    // For people: grouped by entry with its file, and the nearest entry for new text.
    const people = sync(['--council', 'reading', '--source', file]);
    expect(people.code).toBe(1);
    expect(people.stdout).toContain(messages.cli.syncNotInStep('reading', 'v55, 2024-07-11', file));
    expect(people.stdout).toMatch(/respite-arranging \(knowledge\/reading\/respite\.yaml\):\n {4}"PBST confirms the respite dates with the care home/);
    expect(people.stdout).toMatch(new RegExp(`line ${lineOf(text, added)}: "Respite stays[^\\n]*closest entry: respite-`));
  });

  it('does not let a changed number, a changed mailbox or a removed "not" pass', () => {
    const number = comparePack(reading, edit(readingText, 'An authorised Conversation 3 must be completed in Mosaic including a respite allocation', 'An authorised Conversation 4 must be completed in Mosaic including a respite allocation'), 'x');
    expect(number.stale.map((s) => s.entryId)).toContain('respite-new-allocation');
    expect(number.uncovered.map((u) => u.text).join('\n')).toContain('Conversation 4');

    const mailbox = comparePack(reading, readingText.replaceAll('mosaic.adultssupport@reading.gov.uk', 'mosaic.support@reading.gov.uk'), 'x');
    expect(mailbox.stale.some((s) => s.text.includes('mosaic.adultssupport@reading.gov.uk'))).toBe(true);
    expect(mailbox.uncovered.some((u) => u.text.includes('mosaic.support@reading.gov.uk'))).toBe(true);

    const line = 'If you wish to reduce a supported living package, an authorised Conversation 3 workstep must be completed in Mosaic and a next step of Purchase Services – Personal Budget sent (you must click the finish tab or PBST will not see the request).';
    const negation = comparePack(reading, edit(readingText, line, line.replace('will not see', 'will see')), 'x');
    expect(negation.inSync).toBe(false);
    expect(negation.uncovered.map((u) => u.text)).toEqual([expect.stringContaining('PBST will see the request')]);
  });

  it('tolerates what does not change meaning: line wrapping, dashes, curly quotes, spacing', () => {
    const rewrapped = readingText
      .replace('PBST will then arrange the increased care package with the care provider and send them', 'PBST will then arrange the increased care package with the care provider and send them\n  ')
      .replaceAll('–', '—')
      .replaceAll('’', "'")
      .replaceAll('. ', '.   ');
    expect(comparePack(reading, rewrapped, 'x')).toMatchObject({ inSync: true, stale: [], uncovered: [] });
    // A wrapped paragraph is one sentence, numbered from the line it starts on.
    const wrapped = sourceSentences('Heading\nThe first half of a sentence\ncontinues here. Then another.\n- an item;');
    expect(wrapped).toEqual([
      { line: 1, text: 'Heading' },
      { line: 2, text: 'The first half of a sentence continues here.' },
      { line: 2, text: 'Then another.' },
      { line: 4, text: 'an item;' },
    ]);
  });

  it('keeps a deliberate difference only while it is recorded in the pack', () => {
    const merton = knowledge.packs.get('merton')!;
    const mertonText = readFileSync(merton.sync.source!, 'utf8');
    expect(comparePack(merton, mertonText, 'x').inSync).toBe(true);
    const without = { ...merton, sync: { ...merton.sync, differences: merton.sync.differences.filter((d) => !d.reason.includes('misspelling')) } };
    const report = comparePack(without, mertonText, 'x');
    expect(report.stale).toEqual([{ entryId: 'care-at-home', text: expect.stringContaining('geographical split') }]);
    expect(report.uncovered).toEqual([{ line: lineOf(mertonText, 'georgical'), text: expect.stringContaining('georgical split') }]);
  });

  it('refuses bad input in one line with exit 2: an unknown council, a missing file, a bad format', () => {
    for (const [args, expected] of [
      [['--council', 'nowhere'], 'unknown council "nowhere"'],
      [['--council', 'reading', '--source', '/no/such/procedure.txt'], messages.cli.syncMissingFile('/no/such/procedure.txt')],
      [['--council', 'reading', '--format', 'xml'], messages.cli.syncBadFormat('xml')],
    ] as const) {
      const run = sync([...args]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(expected);
    }
  });
});
