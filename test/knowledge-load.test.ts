import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticKnowledge } from '../src/bench/synthetic.js';
import { KnowledgeError } from '../src/knowledge/errors.js';
import { displayPath } from '../src/knowledge/read-yaml.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { AnswerEngine } from '../src/engine/index.js';
import { KNOWLEDGE_DIR, knowledgeCopy, realEngine } from './helpers/knowledge.js';

function loadError(dir: string): KnowledgeError {
  try {
    loadKnowledge(dir);
  } catch (error) {
    if (error instanceof KnowledgeError) return error;
    throw error;
  }
  throw new Error('expected the load to fail');
}

describe('loading the knowledge packs', () => {
  it('loads the benchmark\'s synthetic 3x copy: three times the entries, glossary and overview left alone', () => {
    const dir = syntheticKnowledge(KNOWLEDGE_DIR, 3, realEngine());
    try {
      const real = loadKnowledge(KNOWLEDGE_DIR);
      const synthetic = loadKnowledge(dir);
      for (const [council, pack] of real.packs) {
        expect(synthetic.packs.get(council)!.entries).toHaveLength(pack.entries.length * 3);
        expect(synthetic.packs.get(council)!.glossary).toHaveLength(pack.glossary.length);
      }
      // Its classifiers are copies for the larger packs, current for them: nothing is trained at start.
      const engine = new AnswerEngine(synthetic);
      expect(engine.trainedAtStart).toEqual([]);
      expect(engine.ask('how do I increase a home care package', 'reading').entry?.id).toMatch(/^home-care-increase/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads both councils with every section of their procedures', () => {
    const kb = loadKnowledge(KNOWLEDGE_DIR);
    expect([...kb.packs.keys()]).toEqual(['merton', 'reading']);
    const reading = kb.packs.get('reading')!;
    const ids = reading.entries.map((e) => e.id);
    for (const id of [
      'scope', 'pbst-role', 'home-care-urgent', 'home-care-long-term', 'home-care-arranging', 'home-care-suspend-end',
      'close-case', 'home-care-reduce', 'home-care-increase', 'home-care-provider-list', 'home-care-provider-contact',
      'mosaic-help', 'home-care-cancel-immediately', 'care-home-request', 'care-home-arranging', 'care-home-information',
      'bespoke-care-home-request', 'bespoke-care-home-arranging', 'respite-unused-allocation', 'respite-new-allocation',
      'respite-arranging', 'supported-living-new', 'supported-living-cost-unknown', 'supported-living-arranging',
      'supported-living-suspend-end', 'supported-living-reduce', 'supported-living-increase',
      'supported-living-provider-list', 'supported-living-provider-contact', 'supported-living-cancel-immediately',
      'live-in-care-request', 'live-in-care-arranging', 'carers-payment',
    ]) expect(ids).toContain(id);
    const merton = kb.packs.get('merton')!.entries.map((e) => e.id);
    for (const id of [
      'scope', 'before-arranging', 'complex-needs', 'line-manager-support', 'brokerage-services', 'extra-care',
      'shared-lives', 'direct-payments', 'day-opportunities', 'spot-purchase', 'care-at-home', 'homecare-recommissioning',
    ]) expect(merton).toContain(id);
  });

  it('completes each entry source from its pack and resolves links to title and known address only', () => {
    const reading = loadKnowledge(KNOWLEDGE_DIR).packs.get('reading')!;
    const increase = reading.entries.find((e) => e.id === 'home-care-increase')!;
    expect(increase.source).toEqual({
      document: 'Reading Borough Council Commissioning and Brokerage Procedures',
      section: 'Home Care: increasing a package',
      updated: '2024-07-11',
      version: 'v55',
    });
    const mosaic = reading.entries.find((e) => e.id === 'mosaic-help')!;
    expect(mosaic.links).toEqual([
      { id: 'mosaic-guides', title: 'Mosaic Guides' },
      { id: 'mosaic-support-mailbox', title: 'Mosaic support mailbox (mosaic.adultssupport@reading.gov.uk)', url: 'mailto:mosaic.adultssupport@reading.gov.uk' },
    ]);
  });

  it('keeps the finish-tab warning wherever the procedure gives it', () => {
    const reading = loadKnowledge(KNOWLEDGE_DIR).packs.get('reading')!;
    const warned = reading.entries.filter((e) => e.body.some((b) => typeof b === 'object' && 'warning' in b)).map((e) => e.id);
    expect(warned).toEqual(expect.arrayContaining([
      'home-care-urgent', 'home-care-long-term', 'home-care-reduce', 'home-care-increase', 'care-home-request',
      'bespoke-care-home-arranging', 'respite-new-allocation', 'supported-living-new', 'supported-living-cost-unknown',
      'supported-living-reduce', 'supported-living-increase', 'live-in-care-arranging', 'carers-payment',
    ]));
  });

  it('names file, entry and field for an unknown link', () => {
    const { dir, edit } = knowledgeCopy();
    edit('reading/home-care.yaml', (t) => t.replace('links: [home-care-framework]', 'links: [mosaic-guids]'));
    const error = loadError(dir);
    expect(error.code).toBe('unknown-link');
    expect(error.message).toBe(`${displayPath(join(dir, 'reading/home-care.yaml'))}: entries[6].links[0]: unknown link "mosaic-guids"`);
  });

  it('rejects an unknown field with its path', () => {
    const { dir, edit } = knowledgeCopy();
    edit('reading/respite.yaml', (t) => t.replace('    title: How PBST arranges a respite stay', '    title: How PBST arranges a respite stay\n    colour: red'));
    const error = loadError(dir);
    expect(error.code).toBe('schema');
    expect(error.message).toBe(`${displayPath(join(dir, 'reading/respite.yaml'))}: entries[2]: Unrecognized key: "colour"`);
  });

  it('rejects YAML that does not parse, naming the file', () => {
    const { dir, edit } = knowledgeCopy();
    edit('merton/services.yaml', (t) => t.replace('entries:', 'entries: [oops'));
    const error = loadError(dir);
    expect(error.code).toBe('yaml');
    expect(error.message).toMatch(new RegExp(`^${displayPath(join(dir, 'merton/services.yaml'))}: invalid YAML: `));
  });

  it('rejects a duplicate id, naming both files', () => {
    const { dir, edit } = knowledgeCopy();
    edit('reading/carers-payments.yaml', (t) => t.replace('  - id: carers-payment', '  - id: scope'));
    const error = loadError(dir);
    expect(error.code).toBe('duplicate-id');
    expect(error.message).toBe(
      `${displayPath(join(dir, 'reading/general.yaml'))}: entries[0].id: duplicate id "scope" (also in ${displayPath(join(dir, 'reading/carers-payments.yaml'))})`,
    );
  });

  it('rejects an entry tagged with a service the vocabulary does not define', () => {
    const { dir, edit } = knowledgeCopy();
    edit('reading/carers-payments.yaml', (t) => t.replace('services: [carers-payments]', 'services: [carer-payments]'));
    expect(loadError(dir).message).toBe(
      `${displayPath(join(dir, 'reading/carers-payments.yaml'))}: entries[0].services[0]: unknown service "carer-payments"`,
    );
  });

  it('rejects a missing required field and a link address that is not https or mailto', () => {
    const copy = knowledgeCopy();
    copy.edit('merton/links.yaml', (t) => t.replace('https://www.merton.gov.uk/social-care', 'http://www.merton.gov.uk/social-care'));
    expect(loadError(copy.dir).message).toMatch(/merton\/links\.yaml: links\.direct-payments-overview\.url: /);
    const other = knowledgeCopy();
    other.edit('merton/pack.yaml', (t) => t.replace(/askInstead: >-\n(.*\n){2}/, ''));
    expect(loadError(other.dir).message).toMatch(/merton\/pack\.yaml: askInstead: /);
  });

  it('refuses a signpost for a topic the pack does not name, and one that says nowhere to ask', () => {
    const copy = knowledgeCopy();
    copy.edit('reading/pack.yaml', (t) => t.replace('  rates: { helpdesk: true }', '  rats: { helpdesk: true }'));
    expect(loadError(copy.dir).message).toBe(`${displayPath(join(copy.dir, 'reading/pack.yaml'))}: signposts.rats: unknown notCovered topic "rats"`);
    const other = knowledgeCopy();
    other.edit('merton/pack.yaml', (t) => t.replace('  rates: { helpdesk: true }', '  rates: { helpdesk: false }'));
    expect(loadError(other.dir).message).toMatch(/merton\/pack\.yaml: signposts\.rates: give askInstead, or helpdesk: true/);
  });

  it('refuses a council folder without pack.yaml, naming the folder', () => {
    const { dir } = knowledgeCopy();
    mkdirSync(join(dir, 'wokingham'));
    writeFileSync(join(dir, 'wokingham', 'entries.yaml'), 'entries: []\n');
    expect(loadError(dir)).toMatchObject({ code: 'missing-pack' });
    expect(loadError(dir).message).toMatch(/wokingham: council folder without pack\.yaml$/);
  });

  it('refuses an entry file named .yml, or any file that is not .yaml, rather than ignoring it', () => {
    const yml = knowledgeCopy();
    renameSync(join(yml.dir, 'reading', 'respite.yaml'), join(yml.dir, 'reading', 'respite.yml'));
    expect(loadError(yml.dir).message).toMatch(/reading\/respite\.yml: not a knowledge file \(rename it to \.yaml\)$/);
    const other = knowledgeCopy();
    writeFileSync(join(other.dir, 'merton', 'notes.txt'), 'draft');
    expect(loadError(other.dir)).toMatchObject({ code: 'unknown-file' });
  });

  it('refuses a paragraph longer than a card shows, naming the entry and field', () => {
    const { dir, edit } = knowledgeCopy();
    edit('reading/carers-payments.yaml', (t) => t.replace('      - PBST will then arrange for the payment to be made.', `      - ${'PBST will then arrange it. '.repeat(80)}`));
    expect(loadError(dir).message).toMatch(/reading\/carers-payments\.yaml: entries\[0\]\.body\[\d\]: must be at most 1500 characters/);
  });
});
