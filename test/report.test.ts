import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineReportKnowledge } from '../src/cli/report-knowledge.js';
import { buildReport, type Report } from '../src/store/report.js';
import { reportHtml } from '../src/store/report-html.js';
import { realEngine } from './helpers/knowledge.js';
import { csvText, seedReportData } from './helpers/report-data.js';
import { sharedStore } from './helpers/store.js';

const engine = realEngine();
const knowledge = engineReportKnowledge(engine);

describe('the helpdesk report', () => {
  let window: { since: Date; until: Date };
  let report: Report;
  beforeAll(async () => {
    window = await seedReportData(await sharedStore());
    report = await buildReport((await sharedStore()).db, window, knowledge);
  });

  it('has exactly the agreed keys, and counts questions by what the bot did (small talk aside)', () => {
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['since', 'until', 'questions', 'answered', 'clarified', 'unanswered', 'deflectionRate', 'feedback', 'topUnanswered', 'entries', 'helpdeskAnswers', 'clarifiedQuestions', 'weeklyDeflection']),
    );
    expect(Object.keys(report.feedback).sort()).toEqual(['dislike', 'like']);
    for (const u of report.topUnanswered) expect(Object.keys(u)).toEqual(expect.arrayContaining(['text', 'count', 'closest']));
    for (const x of report.entries) expect(Object.keys(x)).toEqual(expect.arrayContaining(['council', 'entryId', 'title', 'answered', 'like', 'dislike', 'comments']));
    expect(report.questions).toBe(report.answered + report.clarified + report.unanswered + report.helpdeskAnswered);
    expect(report.unanswered).toBe(8);
    expect(report.helpdeskAnswered).toBe(2);
    expect(report.clarified).toBe(7);
    expect(report.daily).toHaveLength(14);
  });

  it('groups unanswered questions by meaning within each council, naming the nearest entry only when one is near', () => {
    // Case, punctuation, word order and word forms aside ("booking annual leave, how?"); Merton's apart.
    expect(report.topUnanswered[0]).toMatchObject({ count: 4, council: 'reading', closest: null, notCovered: expect.any(String) });
    expect(report.topUnanswered[0]!.text.toLowerCase()).toContain('annual leave');
    expect(report.topUnanswered).toContainEqual(expect.objectContaining({ council: 'merton', text: 'How do I book annual leave?', count: 1 }));
    // Nothing near a taxi: no entry named; a package increase is near its entry.
    expect(report.topUnanswered.find((u) => u.text.includes('taxi'))).toMatchObject({ count: 1, closest: null, closestTitle: null });
    expect(report.topUnanswered.find((u) => u.text === 'how do I increase a package')).toMatchObject({ closest: 'home-care-increase', closestTitle: 'Increasing a home care package' });
  });

  it('lists "which one?" questions with the entries offered, and the helpdesk answers given with their uses and thumbs', () => {
    expect(report.clarifiedQuestions).toEqual([
      {
        council: 'reading',
        text: 'how do I increase a package',
        count: 7,
        options: [
          { id: 'home-care-increase', title: engine.entry('reading', 'home-care-increase')!.title },
          { id: 'supported-living-increase', title: engine.entry('reading', 'supported-living-increase')!.title },
        ],
      },
    ]);
    expect(report.helpdeskAnswers).toEqual([
      {
        council: 'reading',
        question: 'Who pays for a taxi to the day centre?',
        answer: 'Transport is part of the day service: ask the provider.',
        approvedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        status: 'approved',
        uses: 2,
        like: 0,
        dislike: 1,
      },
    ]);
  });

  it('gives a weekly deflection figure: answered by the procedures and by helpdesk answers, over all questions', () => {
    const weeks = report.weeklyDeflection;
    expect(weeks.length).toBeGreaterThanOrEqual(2);
    for (const w of weeks) {
      expect(new Date(`${w.week}T00:00:00Z`).getUTCDay()).toBe(1);
      expect(w.rate).toBeCloseTo((w.answered + w.helpdeskAnswered) / w.questions, 3);
    }
    expect(weeks.reduce((n, w) => n + w.questions, 0)).toBe(report.questions);
    expect(weeks.reduce((n, w) => n + w.helpdeskAnswered, 0)).toBe(2);
  });

  it('ties feedback to its entry through the answered message, and counts a thumbs-down against deflection', () => {
    const pause = report.entries.find((x) => x.entryId === 'home-care-suspend-end');
    expect(pause).toMatchObject({ council: 'reading', answered: 1, like: 0, dislike: 1, comments: ['This is for a hospital stay over 2 weeks <b>not</b> a short one'] });
    expect(report.entries[0]!.entryId).toBe('home-care-suspend-end');
    // One thumbs-down on an entry, one on a helpdesk answer.
    expect(report.feedback).toEqual({ like: 1, dislike: 2 });
    expect(report.deflectionRate).toBeCloseTo((report.answered - 1 + report.helpdeskAnswered) / report.questions, 3);
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
    expect(merton.topUnanswered.map((u) => u.text).sort()).toEqual(['How do I book annual leave?', 'where do I log mileage']);
    expect(merton.helpdeskAnswers).toEqual([]);
    expect(merton.clarifiedQuestions).toEqual([]);
    expect(merton.feedback).toEqual({ like: 0, dislike: 0 });
  });

  it('renders one self-contained page with everything typed escaped', () => {
    const html = reportHtml(report, 'Reading Borough Council and London Borough of Merton');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
    expect(html).toContain('2 weeks &lt;b&gt;not&lt;/b&gt; a short one');
    expect(html).toContain('<svg');
    expect(html).toContain('aria-label="Deflection per week"');
    // Every table says whose council each row is.
    const tables = [...html.matchAll(/<table id="([^"]+)"><thead><tr>(.*?)<\/tr>/g)];
    expect(tables.map((t) => t[1])).toEqual(expect.arrayContaining(['unanswered', 'clarified', 'helpdesk-answers', 'disliked', 'candidates', 'waiting', 'entries']));
    for (const [, id, head] of tables) expect(head, id).toMatch(/^<th>Council<\/th>/);
    expect(html).toMatch(/<tr><td>merton<\/td><td>How do I book annual leave\?<\/td>/);
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
