import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSeedSql } from '../src/bench/report-seed.js';
import { buildReport, type Report, type ReportKnowledge } from '../src/store/report.js';
import { COMMENTS_PER_ENTRY } from '../src/store/report-feedback.js';
import { reportHtml } from '../src/store/report-html.js';
import { storeEngines, type OpenedStore } from './helpers/engines.js';
import { csvText } from './helpers/report-data.js';
import { runScript } from './helpers/run-script.js';

// Past 65,535 thumbs-down in a window the report once put one bind parameter per disliked question into an
// IN list, which PostgreSQL refuses (and printed megabytes of SQL). The rows are made by the database itself.
const DISLIKED = 70_001;
const LIKED = 999;
const UNANSWERED = 300;
const COMMENTED = 30;
const SEED = reportSeedSql({
  answered: DISLIKED + LIKED,
  clarified: 0,
  unanswered: UNANSWERED,
  disliked: DISLIKED,
  liked: LIKED,
  commented: COMMENTED,
  stepSeconds: 1,
  unansweredText: "CASE i % 3 WHEN 0 THEN 'How do I book annual leave?' WHEN 1 THEN 'how do i book ANNUAL LEAVE' ELSE 'where is the canteen' END",
});
const ASKED = DISLIKED + LIKED + UNANSWERED;

const knowledge: ReportKnowledge = { title: () => undefined, closest: () => undefined, topic: () => undefined };

for (const engine of storeEngines) {
  describe.skipIf(engine.skip)(`the report over ${DISLIKED.toLocaleString('en-GB')} thumbs-down on ${engine.name}`, () => {
    let opened: OpenedStore;
    const window = () => ({ since: new Date(Date.now() - 2 * 86_400_000), until: new Date(Date.now() + 60_000) });
    let report: Report;
    beforeAll(async () => {
      opened = await engine.open();
      for (const statement of SEED) await opened.store.db.execute(sql.raw(statement));
      report = await buildReport(opened.store.db, window(), knowledge);
    }, 120_000);
    afterAll(() => opened?.done());

    it('counts every thumbs-down, ties each to its answer, and lists the newest comments', () => {
      expect(report).toMatchObject({ questions: ASKED, answered: DISLIKED + LIKED, unanswered: UNANSWERED, feedback: { like: LIKED, dislike: DISLIKED } });
      expect(report.deflectionRate).toBeCloseTo(LIKED / ASKED, 3);
      expect(report.entries).toEqual([
        expect.objectContaining({ entryId: 'home-care-increase', answered: DISLIKED + LIKED, like: LIKED, dislike: DISLIKED }),
      ]);
      const comments = report.entries[0]!.comments;
      expect(comments).toHaveLength(COMMENTS_PER_ENTRY);
      // Question 1 is the newest (see reportSeedSql): the newest 20 are those on questions 1 to 20.
      expect([...comments].sort()).toEqual(Array.from({ length: COMMENTS_PER_ENTRY }, (_, i) => `comment ${i + 1}`).sort());
      expect(report.topUnanswered.map((u) => [u.text.toLowerCase(), u.count])).toEqual([
        ['how do i book annual leave?', 200],
        ['where is the canteen', 100],
      ]);
      expect(reportHtml(report, 'Reading')).toContain(DISLIKED.toString());
    });

    it('streams the question log as CSV, every question exactly once, oldest first', async () => {
      const rows = parse(await csvText(opened.store, window()), { columns: true }) as Array<{ askedAt: string }>;
      expect(rows).toHaveLength(ASKED);
      const times = rows.map((r) => Date.parse(r.askedAt));
      expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    });

    // The embedded store serves one process at a time (this one): the command runs on PostgreSQL only.
    it.skipIf(engine.kind !== 'postgres')('npm run report prints the figures in JSON, and no SQL', () => {
      const run = runScript('src/cli/report.ts', ['--format', 'json', '--since', '2d'], { env: opened.env });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ questions: ASKED, feedback: { dislike: DISLIKED } });
    });
  });
}
