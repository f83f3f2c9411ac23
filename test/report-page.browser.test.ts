import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { engineReportKnowledge } from '../src/cli/report-knowledge.js';
import { buildReport } from '../src/store/report.js';
import { reportHtml } from '../src/store/report-html.js';
import { realEngine } from './helpers/knowledge.js';
import { seedReportData } from './helpers/report-data.js';
import { sharedStore } from './helpers/store.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(PROJECT_ROOT, 'test', 'artifacts');

describe('the HTML report in Chromium', () => {
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does this)`);
    const store = await sharedStore();
    const window = await seedReportData(store);
    const engine = realEngine();
    const report = await buildReport(store.db, window, engineReportKnowledge(engine));
    mkdirSync(ARTIFACTS, { recursive: true });
    file = join(ARTIFACTS, 'report.html');
    writeFileSync(file, reportHtml(report, 'Reading Borough Council and London Borough of Merton'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the headline figures, a bar per day, and the unanswered and thumbs-down tables', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    // Nothing may load from elsewhere: the page is sent as a file.
    const requests: string[] = [];
    page.on('request', (r) => void (r.url().startsWith('file:') || requests.push(r.url())));
    await page.goto(`file://${file}`);
    expect(requests).toEqual([]);
    await expect(page.getByText('Deflection rate').isVisible()).resolves.toBe(true);
    const chart = page.locator('svg[aria-label="Questions per day by status"]');
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    expect(box!.height).toBeGreaterThan(100);
    // 14 days, each with answered questions; "which one?" every other day.
    expect(await chart.locator('rect.bar-answered').count()).toBe(14);
    expect(await chart.locator('rect.bar-clarified').count()).toBe(7);
    const weekly = await page.locator('svg[aria-label="Deflection per week"]').boundingBox();
    expect(weekly!.width).toBeGreaterThan(600);
    // Reading's and Merton's unanswered questions apart, the council first in each row.
    const unanswered = page.locator('#unanswered tbody tr');
    expect(await unanswered.count()).toBe(5);
    expect(await unanswered.first().locator('td').nth(0).innerText()).toBe('reading');
    expect(await unanswered.first().locator('td').nth(2).innerText()).toBe('4');
    expect(await page.locator('#clarified tbody tr').count()).toBe(1);
    expect(await page.locator('#helpdesk-answers tbody tr').first().innerText()).toContain('Who pays for a taxi to the day centre?');
    const disliked = page.locator('#disliked tbody tr');
    expect(await disliked.count()).toBe(1);
    expect(await disliked.first().innerText()).toContain('2 weeks <b>not</b> a short one');
    expect(await page.locator('#candidates tbody tr').count()).toBe(1);
    expect(await page.locator('#candidates tbody tr').first().innerText()).toContain('Transport is part of the day service');
    expect(await page.locator('#waiting tbody tr').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
  });
});
