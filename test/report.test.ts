import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type Report, type ReportKnowledge } from '../src/store/report.js';
import { reportHtml } from '../src/store/report-html.js';
import { realEngine } from './helpers/knowledge.js';
import { csvText, seedReportData } from './helpers/report-data.js';
import { sharedStore } from './helpers/store.js';

const engine = realEngine();
const knowledge: ReportKnowledge = {
  title: (council, id) => engine.entry(council, id)?.title,
  closest: (text, council) => engine.nearest(text, council)?.id,
  topic: (council, id) => engine.topicLabel(council, id),
};

describe('the helpdesk report', () => {
  let window: { since: Date; until: Date };
  let report: Report;
  beforeAll(async () => {
    window = await seedReportData(await sharedStore());
    report = await buildReport((await sharedStore()).db, window, knowledge);
  });

  it('has exactly the agreed keys, and counts questions by what the bot did (small talk aside)', () => {
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['since', 'until', 'questions', 'answered', 'clarified', 'unanswered', 'deflectionRate', 'feedback', 'topUnanswered', 'entries']),
    );
    expect(Object.keys(report.feedback).sort()).toEqual(['dislike', 'like']);
    for (const u of report.topUnanswered) expect(Object.keys(u)).toEqual(expect.arrayContaining(['text', 'count', 'closest']));
    for (const x of report.entries) expect(Object.keys(x)).toEqual(expect.arrayContaining(['council', 'entryId', 'title', 'answered', 'like', 'dislike', 'comments']));
    expect(report.questions).toBe(report.answered + report.clarified + report.unanswered);
    expect(report.unanswered).toBe(5);
    expect(report.clarified).toBe(7);
    expect(report.daily).toHaveLength(14);
  });

  it('groups one question asked in different case and punctuation, naming the nearest entry', () => {
    expect(report.topUnanswered[0]).toMatchObject({ count: 3, council: 'reading' });
    expect(report.topUnanswered[0]!.text.toLowerCase()).toContain('annual leave');
    const taxi = report.topUnanswered.find((u) => u.text.includes('taxi'));
    expect(taxi).toMatchObject({ count: 1, closest: expect.any(String), closestTitle: expect.any(String) });
  });

  it('ties feedback to its entry through the answered message, and counts a thumbs-down against deflection', () => {
    const pause = report.entries.find((x) => x.entryId === 'home-care-suspend-end');
    expect(pause).toMatchObject({ council: 'reading', answered: 1, like: 0, dislike: 1, comments: ['This is for a hospital stay over 2 weeks <b>not</b> a short one'] });
    expect(report.entries[0]!.entryId).toBe('home-care-suspend-end');
    expect(report.feedback).toEqual({ like: 1, dislike: 1 });
    expect(report.deflectionRate).toBeCloseTo((report.answered - 1) / report.questions, 3);
  });

  it('counts questions sent to the helpdesk, answered ones as candidates for the pack with their nearest entry', () => {
    expect(report.escalations).toMatchObject({ opened: 2, answered: 1, medianMinutesToAnswer: expect.any(Number) });
    expect(report.escalations.candidates).toEqual([
      expect.objectContaining({ question: 'who pays for a taxi to the day centre for Mr [name]', closest: expect.any(String), answer: expect.stringContaining('Transport') }),
    ]);
    expect(report.escalations.waiting).toEqual([expect.objectContaining({ question: 'can the carer walk the dog', status: 'open' })]);
  });

  it('reports one council alone when asked', async () => {
    const merton = await buildReport((await sharedStore()).db, { ...window, council: 'merton' }, knowledge);
    expect(merton.entries.every((x) => x.council === 'merton')).toBe(true);
    expect(merton.topUnanswered.map((u) => u.text)).toEqual(['where do I log mileage']);
    expect(merton.feedback).toEqual({ like: 0, dislike: 0 });
  });

  it('renders one self-contained page with everything typed escaped', () => {
    const html = reportHtml(report, 'Reading Borough Council and London Borough of Merton');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
    expect(html).toContain('2 weeks &lt;b&gt;not&lt;/b&gt; a short one');
    expect(html).toContain('<svg');
  });

  it('writes the redacted question log as CSV with formulas neutralised', async () => {
    const store = await sharedStore();
    store.recordQuestion({ council: 'reading', scope: 'personal', status: 'no_match', confidence: 0, text: '=HYPERLINK("http://x","y")', conversationId: 'c' });
    await store.flush();
    const csv = await csvText(store, { since: window.since, until: new Date(Date.now() + 1000) });
    const parsed = parse(csv, { columns: true }) as Array<{ text: string }>;
    expect(parsed.find((r) => r.text.includes('HYPERLINK'))?.text).toBe('\'=HYPERLINK("http://x","y")');
  });
});
