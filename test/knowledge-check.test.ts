import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKnowledge } from '../src/knowledge/check.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { syncFindings } from '../src/knowledge/sync.js';
import { KNOWLEDGE_DIR, knowledgeCopy } from './helpers/knowledge.js';
import { runScript } from './helpers/run-script.js';

// The shared procedures, beside the project as CI lays it out.
const PROCEDURES = resolve(KNOWLEDGE_DIR, '..', '..', 'shared');

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

  it('warns of a not-covered topic the pack gives no signpost (Reading medication), and of one whose signpost is taken out', () => {
    const unsignposted = (dir: string) => checkKnowledge(loadKnowledge(dir)).filter((f) => f.message.includes('has no signpost')).map((f) => `${f.level}: [${f.council}] ${f.message}`);
    const real = unsignposted(KNOWLEDGE_DIR);
    expect(real).toContain('warning: [reading] not-covered topic "medication" (medication) has no signpost (pack.yaml signposts): it is told the procedure names no one to ask');
    for (const [council, topic] of [['reading', 'safeguarding'], ['reading', 'invoices'], ['reading', 'provider-quality'], ['merton', 'provider-quality'], ['merton', 'staff-matters']]) {
      expect(real.filter((line) => line.startsWith(`warning: [${council}] not-covered topic "${topic}"`))).toEqual([]);
    }
    const { dir, edit } = knowledgeCopy();
    edit('reading/pack.yaml', (t) => t.replace('  provider-quality: { helpdesk: true }\n', ''));
    const after = unsignposted(dir);
    expect(after.filter((line) => !real.includes(line))).toEqual([
      'warning: [reading] not-covered topic "provider-quality" (concerns about a provider\'s quality) has no signpost (pack.yaml signposts): it is told the procedure names no one to ask',
    ]);
  });

  it('prints the unsignposted topics as warnings and still exits 0, but fails on a signpost for a topic that is not one', () => {
    const run = runScript('src/cli/knowledge-check.ts');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('warning: [reading] not-covered topic "medication" (medication) has no signpost');
    expect(run.stdout).toMatch(/^0 error\(s\), \d+ warning\(s\)$/m);

    const { dir, edit } = knowledgeCopy();
    edit('reading/pack.yaml', (t) => t.replace('\n  invoices:\n', '\n  invoice:\n'));
    const misnamed = runScript('src/cli/knowledge-check.ts', [], { env: { KNOWLEDGE_DIR: dir } });
    expect(misnamed.code).toBe(1);
    expect(misnamed.stderr.trim()).toMatch(/^\S*reading\/pack\.yaml: signposts\.invoice: unknown notCovered topic "invoice"$/);
  });

  it('compares each shipped pack with its procedure, and names the sentence a drifted pack no longer shares', () => {
    const shipped = [...loadKnowledge(KNOWLEDGE_DIR).packs.values()];
    for (const pack of shipped) {
      expect(pack.sync.source && existsSync(pack.sync.source), `${pack.council}: its procedure file`).toBeTruthy();
      expect(syncFindings(pack)).toEqual([]);
    }
    const run = runScript('src/cli/knowledge-check.ts');
    expect(run.code, run.stdout).toBe(0);

    // A pack edited away from its procedure: knowledge:check fails, naming the entry and the sentence.
    const { dir, edit } = knowledgeCopy();
    edit('reading/pack.yaml', (t) => t.replace('source: ../../../shared/', `source: ${PROCEDURES}/`));
    edit('reading/respite.yaml', (t) => t.replace('in Mosaic including a respite allocation', 'in Mosaic including a short break allocation'));
    const drifted = runScript('src/cli/knowledge-check.ts', [], { env: { KNOWLEDGE_DIR: dir } });
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toMatch(/error: \[reading\] entry "respite-new-allocation": "An authorised Conversation 3 must be completed in Mosaic including a short break allocation[^\n]*stale/);
    expect(drifted.stdout).toMatch(/error: \[reading\] .*line 52: "An authorised Conversation 3 must be completed in Mosaic including a respite allocation[^\n]*uncovered/);
  });
});
