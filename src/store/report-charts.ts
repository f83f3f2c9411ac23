import { escapeHtml as e } from '../text/html.js';
import type { Report } from './report.js';

// Inline SVG charts for the report page: no scripts, nothing fetched.

export const COLOURS = { answered: '#2e7d32', helpdeskAnswered: '#1565c0', clarified: '#f9a825', unanswered: '#c62828' } as const;
export const STATUSES = ['answered', 'helpdeskAnswered', 'clarified', 'unanswered'] as const;
export const STATUS_LABELS: Record<(typeof STATUSES)[number], string> = {
  answered: 'answered by the procedures',
  helpdeskAnswered: 'answered by helpdesk answers',
  clarified: 'asked "which one?"',
  unanswered: 'not answered',
};

/** Stacked bars, one per day, answered at the bottom; an SVG the page carries inline. */
export function chart(daily: Report['daily']): string {
  if (daily.length === 0) return '<p class="empty">No questions in this period.</p>';
  const width = 960;
  const height = 220;
  const pad = { left: 40, bottom: 28, top: 10 };
  const max = Math.max(1, ...daily.map((d) => d.answered + d.clarified + d.unanswered));
  const slot = (width - pad.left) / daily.length;
  const bar = Math.max(2, Math.min(40, slot * 0.7));
  const scale = (n: number) => (n / max) * (height - pad.bottom - pad.top);
  const bars = daily.map((d, i) => {
    let y = height - pad.bottom;
    const x = pad.left + i * slot + (slot - bar) / 2;
    const parts = STATUSES.map((s) => {
      const h = scale(d[s]);
      y -= h;
      return h > 0 ? `<rect class="bar-${s}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLOURS[s]}"><title>${e(d.day)}: ${d[s]} ${s}</title></rect>` : '';
    });
    const every = Math.ceil(daily.length / 12);
    const label = i % every === 0 ? `<text x="${(x + bar / 2).toFixed(1)}" y="${height - 8}" text-anchor="middle" font-size="11">${e(d.day.slice(5))}</text>` : '';
    return parts.join('') + label;
  });
  return `<svg role="img" aria-label="Questions per day by status" viewBox="0 0 ${width} ${height}" width="100%">
<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width}" y2="${height - pad.bottom}" stroke="#999"/>
<text x="${pad.left - 6}" y="${pad.top + 10}" text-anchor="end" font-size="11">${max}</text>
<text x="${pad.left - 6}" y="${height - pad.bottom}" text-anchor="end" font-size="11">0</text>
${bars.join('\n')}
</svg>`;
}

/** The weekly deflection rate as bars (0–100%), each labelled with its figure and week. */
export function weeklyChart(weeks: Report['weeklyDeflection']): string {
  if (weeks.length === 0) return '<p class="empty">No questions in this period.</p>';
  const width = 960;
  const height = 200;
  const pad = { left: 40, bottom: 28, top: 18 };
  const slot = (width - pad.left) / weeks.length;
  const bar = Math.max(4, Math.min(60, slot * 0.6));
  const bars = weeks.map((w, i) => {
    const h = w.rate * (height - pad.bottom - pad.top);
    const x = pad.left + i * slot + (slot - bar) / 2;
    const y = height - pad.bottom - h;
    const pct = `${Math.round(w.rate * 100)}%`;
    return (
      `<rect class="bar-week" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLOURS.answered}">` +
      `<title>Week of ${e(w.week)}: ${pct} (${w.answered} by the procedures, ${w.helpdeskAnswered} by helpdesk answers, of ${w.questions})</title></rect>` +
      `<text x="${(x + bar / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" font-size="11">${pct}</text>` +
      `<text x="${(x + bar / 2).toFixed(1)}" y="${height - 8}" text-anchor="middle" font-size="11">${e(w.week.slice(5))}</text>`
    );
  });
  return `<svg role="img" aria-label="Deflection per week" viewBox="0 0 ${width} ${height}" width="100%">
<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width}" y2="${height - pad.bottom}" stroke="#999"/>
<text x="${pad.left - 6}" y="${pad.top + 4}" text-anchor="end" font-size="11">100%</text>
<text x="${pad.left - 6}" y="${height - pad.bottom}" text-anchor="end" font-size="11">0</text>
${bars.join('\n')}
</svg>`;
}
