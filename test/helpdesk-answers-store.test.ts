import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServedAnswers } from '../src/bot/served-answers.js';
import { helpdeskApprovers, loadConfig } from '../src/config.js';
import { checkKnowledge } from '../src/knowledge/check.js';
import { EXPORT_FILE, exportAnswers, type ApprovedAnswer } from '../src/knowledge/export-answers.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { syncFindings } from '../src/knowledge/sync.js';
import type { HelpdeskAnswer } from '../src/store/helpdesk-answers.js';
import type { Store } from '../src/store/store.js';
import { storeEngines } from './helpers/engines.js';
import { KNOWLEDGE_DIR, knowledgeCopy, realEngine } from './helpers/knowledge.js';
import { runScript } from './helpers/run-script.js';

const engine = realEngine();
/** Reading's procedure as text, beside the project (see knowledge-check.test.ts). */
const PROCEDURE = resolve(KNOWLEDGE_DIR, '..', '..', 'shared', 'procedures', 'reading-commissioning-and-brokerage.txt');
const knows = (word: string) => engine.knowsWord('reading', word);

/** Proposed by a helpdesk member, then approved by a lead. */
async function approved(store: Store, council: string, question: string, answer: string, entryId?: string): Promise<HelpdeskAnswer> {
  const p = await store.helpdeskAnswers.propose({ council, question, wording: `${question} for Mr Jones`, answer, entryId, proposedBy: 'Hana Helpdesk', knows });
  return (await store.helpdeskAnswers.approve(p.id, p.version, 'Lee Lead'))!;
}

for (const kind of storeEngines) {
  describe.skipIf(kind.skip)(`helpdesk answers in the store on ${kind.name}`, () => {
    let store: Store;
    let env: Record<string, string>;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ store, env, done } = await kind.open());
    }, 60_000);
    afterAll(() => done());

    it('keeps a proposal redacted, and lets each change happen once, from the version it was shown at', async () => {
      const answers = store.helpdeskAnswers;
      const p = await answers.propose({ council: 'reading', question: 'Can Mrs Khan keep her carer on 07700 900123?', wording: 'can Mrs Khan keep her carer', answer: 'Yes.', proposedBy: 'Hana', knows });
      expect(p).toMatchObject({ status: 'proposed', version: 1, question: 'Can Mrs [name] keep her carer on [phone]?', wordings: ['can Mrs [name] keep her carer'] });
      expect(await answers.approved('reading')).toEqual([]);
      const ok = await answers.approve(p.id, 1, 'Lee Lead');
      expect(ok).toMatchObject({ status: 'approved', approvedBy: 'Lee Lead', version: 2, approvedAt: expect.any(Date) });
      // A second press from the same card (version 1) changes nothing; nor does rejecting an approved answer.
      expect(await answers.approve(p.id, 1, 'Other Lead')).toBeUndefined();
      expect(await answers.reject(p.id, 2)).toBeUndefined();
      const edited = await answers.edit(p.id, 2, { question: 'Can a person keep their carer?', answer: 'Usually.', knows });
      expect(edited).toMatchObject({ status: 'approved', version: 3, question: 'Can a person keep their carer?', answer: 'Usually.', approvedBy: 'Lee Lead' });
      await answers.addWording(p.id, 'keep the same carer for Mr Jones?', knows);
      await answers.addWording(p.id, 'keep the same carer for Mr Jones?', knows);
      expect((await answers.get(p.id))!.wordings).toEqual(['can Mrs [name] keep her carer', 'keep the same carer for Mr [name]?']);
      expect(await answers.retire(p.id, 2)).toBeUndefined();
      expect(await answers.retire(p.id, 3)).toMatchObject({ status: 'retired', version: 4 });
      expect((await answers.approved()).map((a) => a.id)).not.toContain(p.id);
    });

    it("serves each council's approved answers to its own questions only", async () => {
      await approved(store, 'reading', 'Who arranges transport to a day centre?', 'The day service provider.');
      await approved(store, 'merton', 'Can a family member be paid as a personal assistant?', 'Only with the brokerage team agreeing.');
      const served = new ServedAnswers(store, engine, pino({ level: 'silent' }), 60_000);
      await served.refresh();
      expect(served.find('who sorts out transport to the day centre', 'reading')?.answer).toBe('The day service provider.');
      expect(served.find('who sorts out transport to the day centre', 'merton')).toBeUndefined();
      expect(served.find('paying a family member as personal assistant', 'merton')?.council).toBe('merton');
      expect(served.find('paying a family member as personal assistant', 'reading')).toBeUndefined();
    });

    it('exports approved answers as Q&A pairs in the pack format, which knowledge:check accepts', async () => {
      await approved(store, 'reading', 'Can a home carer walk the dog?', 'Only if it is in the support plan. Record it in the notes field.', 'home-care-increase');
      let yaml: string;
      if (kind.kind === 'postgres') {
        const run = runScript('src/cli/knowledge-export-answers.ts', ['--council', 'reading'], { env });
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        yaml = run.stdout;
      } else {
        // The embedded store is held by this process: the command's own function, on the same rows.
        const rows = await store.helpdeskAnswers.approved('reading');
        const servicesOf = (a: ApprovedAnswer) => (a.entryId ? engine.entry('reading', a.entryId)!.services : ['scope']);
        yaml = exportAnswers(engine.pack('reading'), rows.map((r) => ({ ...r, approvedAt: r.approvedAt! })), servicesOf);
      }
      const file = parse(yaml) as { entries: Array<Record<string, unknown>> };
      const walk = file.entries.find((e) => e.title === 'Can a home carer walk the dog?');
      expect(walk).toMatchObject({
        body: [{ question: 'Can a home carer walk the dog?', answer: 'Only if it is in the support plan. Record it in the notes field.' }],
        examples: ['Can a home carer walk the dog? for Mr [name]'],
        related: ['home-care-increase'],
        services: engine.entry('reading', 'home-care-increase')!.services,
      });
      // Merton's and retired answers are not Reading's to export.
      expect(yaml).not.toContain('personal assistant');
      expect(yaml).not.toContain('keep their carer');
      const copy = knowledgeCopy();
      writeFileSync(join(copy.dir, 'reading', EXPORT_FILE), yaml);
      // What knowledge:check checks of the pack: it loads, nothing is an error, and each exported answer is
      // named for review; it is left out of the comparison with the procedure, which does not have it.
      const pack = loadKnowledge(copy.dir).packs.get('reading')!;
      const findings = [...checkKnowledge(loadKnowledge(copy.dir)), ...syncFindings({ ...pack, sync: { ...pack.sync, source: PROCEDURE } })];
      expect(findings.filter((f) => f.level === 'error')).toEqual([]);
      expect(findings.map((f) => f.message)).toContainEqual(expect.stringMatching(/entry "helpdesk-[0-9a-f]{8}" is a helpdesk answer, not the procedure's text: review it$/));
      // (The classifier is retrained after it, as after any edit of the pack: npm run knowledge:train.)
    }, 120_000);
  });
}

describe('HELPDESK_APPROVERS', () => {
  it('reads object ids for every council and per council, as HELPDESK_TEAMS reads teams', () => {
    const config = loadConfig({ HELPDESK_APPROVERS: 'aaa-1, reading=bbb-2,merton=ccc-3' }, '/nonexistent');
    const approvers = helpdeskApprovers(config, ['reading', 'merton']);
    expect([...approvers.get('reading')!]).toEqual(['aaa-1', 'bbb-2']);
    expect([...approvers.get('merton')!]).toEqual(['aaa-1', 'ccc-3']);
    expect(() => loadConfig({ HELPDESK_APPROVERS: 'reading=' }, '/nonexistent')).toThrow(/HELPDESK_APPROVERS: expected object ids or council=objectId pairs/);
    expect(() => loadConfig({ HELPDESK_TEAMS: 'teamonly' }, '/nonexistent')).toThrow(/HELPDESK_TEAMS: expected council=teamId/);
  });
});
