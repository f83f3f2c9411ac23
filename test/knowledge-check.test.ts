import { describe, expect, it } from 'vitest';
import { checkKnowledge } from '../src/knowledge/check.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { KNOWLEDGE_DIR, knowledgeCopy } from './helpers/knowledge.js';

describe('knowledge:check', () => {
  it('finds no errors in the real packs, and lists the links without a known address', () => {
    const findings = checkKnowledge(loadKnowledge(KNOWLEDGE_DIR));
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(findings.map((f) => f.message)).toContain('link "mosaic-guides" (Mosaic Guides) has no known address');
  });

  it('reports an example phrasing used by two entries, and an entry without examples', () => {
    const { dir, edit } = knowledgeCopy();
    edit('reading/respite.yaml', (t) => t.replace('      - new respite allocation needed', '      - reducing the hours in a home care package'));
    edit('reading/carers-payments.yaml', (t) => t.replace(/ {4}examples:\n( {6}- .*\n)+/, ''));
    const messages = checkKnowledge(loadKnowledge(dir)).map((f) => `${f.level}: ${f.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^error: .*entry "respite-new-allocation": example "reducing the hours in a home care package" duplicates one in entry "home-care-reduce"$/));
    expect(messages).toContainEqual(expect.stringMatching(/^warning: .*entry "carers-payment" has no examples$/));
  });
});
