import { escapeHtml as e } from '../text/html.js';
import type { Report } from './report.js';
import { chart, COLOURS, STATUS_LABELS, STATUSES, weeklyChart } from './report-charts.js';

// One self-contained page (no scripts, fonts or CDN): it opens from an email attachment or a file share.
// Everything from the database is escaped; question text and comments were redacted before they were stored.


export function reportHtml(report: Report, scope: string): string {
  const day = (iso: string) => iso.slice(0, 10);
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const tiles: Array<[string, string]> = [
    ['Questions', String(report.questions)],
    ['Answered', String(report.answered)],
    ['Answered by helpdesk answers', String(report.helpdeskAnswered)],
    ['Asked "which one?"', String(report.clarified)],
    ['Not answered', String(report.unanswered)],
    ['Deflection rate', pct(report.deflectionRate)],
    ['Thumbs up / down', `${report.feedback.like} / ${report.feedback.dislike}`],
    ['Sent to the helpdesk / answered', `${report.escalations.opened} / ${report.escalations.answered}`],
    // Only when there were any: a write the database refused is a question or thumbs the figures miss.
    ...(report.refusedWrites ? [['Writes refused by the database', String(report.refusedWrites)] as [string, string]] : []),
  ];
  const disliked = report.entries.filter((x) => x.dislike > 0 || x.comments.length > 0);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Procedures bot report ${e(day(report.since))} to ${e(day(report.until))}</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1b1b;background:#f5f5f7}
main{max-width:1040px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px}
.sub{color:#555;margin:0 0 20px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:12px}
.tile{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px #0002}
.tile b{display:block;font-size:26px}.tile span{color:#555;font-size:13px}
.card{background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 2px #0002}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #e3e3e3;vertical-align:top}
th{background:#fafafa;font-weight:600}td.n,th.n{text-align:right;white-space:nowrap}
.legend span{display:inline-block;margin-right:16px;font-size:13px}.legend i{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:-1px}
ul{margin:0;padding-left:18px}.empty{color:#666;font-style:italic}code{font-size:13px}
</style>
</head>
<body><main>
<h1>Procedures bot: what was asked</h1>
<p class="sub">${e(scope)} · ${e(day(report.since))} to ${e(day(report.until))} (UTC) · question text is stored redacted</p>
<section class="tiles" aria-label="Headline figures">
${tiles.map(([label, value]) => `<div class="tile"><b>${e(value)}</b><span>${e(label)}</span></div>`).join('\n')}
</section>
<h2>Questions per day</h2>
<div class="card">${chart(report.daily)}
<div class="legend">${STATUSES.map((s) => `<span><i style="background:${COLOURS[s]}"></i>${e(STATUS_LABELS[s])}</span>`).join('')}</div></div>
<h2>Deflection per week</h2>
<p>Questions answered by the procedures or by approved helpdesk answers, over all questions.</p>
<div class="card">${weeklyChart(report.weeklyDeflection)}</div>
<h2>Most asked questions the bot could not answer</h2>
${
  report.topUnanswered.length
    ? table(
        ['Council', 'Question (redacted)', 'Times', 'Nearest entry', 'Not covered'],
        report.topUnanswered.map((u) => [
          e(u.council),
          e(u.text),
          `<td class="n">${u.count}</td>`,
          u.closest ? `${e(u.closestTitle ?? u.closest)} <code>${e(u.closest)}</code>` : '—',
          u.notCovered ? e(u.notCovered) : '',
        ]),
        'unanswered',
      )
    : '<p class="empty">None in this period.</p>'
}
<h2>Questions answered with "which one?"</h2>
${
  report.clarifiedQuestions.length
    ? table(
        ['Council', 'Question (redacted)', 'Times', 'Entries offered'],
        report.clarifiedQuestions.map((c) => [
          e(c.council),
          e(c.text),
          `<td class="n">${c.count}</td>`,
          c.options.length ? `<ul>${c.options.map((o) => `<li>${e(o.title)} <code>${e(o.id)}</code></li>`).join('')}</ul>` : '—',
        ]),
        'clarified',
      )
    : '<p class="empty">None in this period.</p>'
}
<h2>Helpdesk answers the bot gives</h2>
${
  report.helpdeskAnswers.length
    ? table(
        ['Council', 'Question (general form)', 'Answer', 'Approved', 'Given', 'Up', 'Down'],
        report.helpdeskAnswers.map((a) => [
          e(a.council),
          e(a.question) + (a.status === 'retired' ? ' <small>(retired)</small>' : ''),
          e(a.answer),
          e(a.approvedAt.slice(0, 10)),
          `<td class="n">${a.uses}</td>`,
          `<td class="n">${a.like}</td>`,
          `<td class="n">${a.dislike}</td>`,
        ]),
        'helpdesk-answers',
      )
    : '<p class="empty">No helpdesk answers approved yet.</p>'
}
<h2>Entries with thumbs down or comments</h2>
${
  disliked.length
    ? table(
        ['Council', 'Entry', 'Answered', 'Up', 'Down', 'Comments (redacted)'],
        disliked.map((x) => [
          e(x.council),
          `${e(x.title)} <code>${e(x.entryId)}</code>`,
          `<td class="n">${x.answered}</td>`,
          `<td class="n">${x.like}</td>`,
          `<td class="n">${x.dislike}</td>`,
          x.comments.length ? `<ul>${x.comments.map((c) => `<li>${e(c)}</li>`).join('')}</ul>` : '—',
        ]),
        'disliked',
      )
    : '<p class="empty">No thumbs down in this period.</p>'
}
<h2>Questions sent to the helpdesk</h2>
<p>${report.escalations.opened} sent, ${report.escalations.answered} answered${
    report.escalations.medianMinutesToAnswer === null ? '' : `; median time to an answer ${e(report.escalations.medianMinutesToAnswer)} minutes`
  }.</p>
${
  report.escalations.candidates.length
    ? table(
        ['Council', 'Question (redacted)', 'Helpdesk answer (redacted)', 'Nearest entry'],
        report.escalations.candidates.map((c) => [
          e(c.council),
          e(c.question) + (c.detail ? `<br><small>${e(c.detail)}</small>` : ''),
          e(c.answer),
          c.closest ? `${e(c.closestTitle ?? c.closest)} <code>${e(c.closest)}</code>` : '—',
        ]),
        'candidates',
      )
    : '<p class="empty">No answered helpdesk questions in this period.</p>'
}
${
  report.escalations.waiting.length
    ? `<h3>Waiting for an answer</h3>${table(
        ['Council', 'Question (redacted)', 'Status', 'Sent (UTC)'],
        report.escalations.waiting.map((w) => [e(w.council), e(w.question), e(w.status === 'open' ? 'not in the channel (posting failed)' : w.status), e(w.openedAt.slice(0, 16).replace('T', ' '))]),
        'waiting',
      )}`
    : ''
}
<h2>All entries given</h2>
${
  report.entries.length
    ? table(
        ['Council', 'Entry', 'Answered', 'Up', 'Down'],
        report.entries.map((x) => [e(x.council), `${e(x.title)} <code>${e(x.entryId)}</code>`, `<td class="n">${x.answered}</td>`, `<td class="n">${x.like}</td>`, `<td class="n">${x.dislike}</td>`]),
        'entries',
      )
    : '<p class="empty">No answers in this period.</p>'
}
</main></body>
</html>
`;
}

/** Cells are HTML already escaped; a cell starting with <td is used as it is (numbers align right). */
function table(headings: string[], rows: string[][], id: string): string {
  const cell = (c: string) => (c.startsWith('<td') ? c : `<td>${c}</td>`);
  // A column whose first cell is a number has its heading aligned with it.
  const numeric = (i: number) => rows[0]?.[i]?.startsWith('<td class="n"') ?? false;
  return `<table id="${id}"><thead><tr>${headings.map((h, i) => `<th${numeric(i) ? ' class="n"' : ''}>${e(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n')}</tbody></table>`;
}

