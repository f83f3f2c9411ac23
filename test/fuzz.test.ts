import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clean, runFuzz, type FuzzReport } from '../src/fuzz/run.js';
import { storeEngines, type OpenedStore } from './helpers/engines.js';
import { realEngine } from './helpers/knowledge.js';

// The project's own fuzzer (src/fuzz) in the suite: mutated activities and bodies through the real server,
// on each store. A longer run: `npm run fuzz -- --count 10000`.
const CASES = 2000;
// A fixed seed, so that the suite sends the same cases every time; FUZZ_SEED tries others (as `npm run fuzz`
// does with --seed), and a failure names its seed.
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_207);

for (const engine of storeEngines) {
  describe.skipIf(engine.skip)(`${CASES} mutated requests on ${engine.name}`, () => {
    let opened: OpenedStore;
    let report: FuzzReport;
    beforeAll(async () => {
      opened = await engine.open();
      report = await runFuzz({ engine: realEngine(), store: opened.store, count: CASES, seed: SEED });
    }, 120_000);
    afterAll(() => opened?.done());

    it('gets no 5xx (but 501 for an invoke the bot does not handle), no dropped connection and no failed turn', () => {
      expect(report.failures, `seed ${report.seed}`).toEqual([]);
      expect(report.failedTurns, `seed ${report.seed}`).toEqual([]);
      // The run did exercise the bot: a good share of requests were answered (most mutations break the
      // activity), and many refused as bad requests.
      expect(report.statuses['200']).toBeGreaterThan(CASES / 5);
      expect(report.statuses['400']).toBeGreaterThan(CASES / 10);
    });

    it('loses no write, and answers a question correctly afterwards', () => {
      expect(report.refusedWrites).toBe(0);
      expect(opened.store.writeCounts()).toMatchObject({ queued: 0, refused: 0, dropped: 0 });
      expect(report.answeredAfter).toBe(true);
      expect(clean(report)).toBe(true);
    });
  });
}
