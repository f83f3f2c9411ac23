import { stringify } from 'csv-stringify/sync';
import type { questionLog } from './report.js';

type LogRow = Awaited<ReturnType<typeof questionLog>>[number];

/** The question log for a spreadsheet. Formulas are escaped: a question typed as "=HYPERLINK(…)" must not
 * run in the helpdesk's spreadsheet. */
export function questionLogCsv(rows: LogRow[]): string {
  return stringify(
    rows.map((r) => ({ ...r, askedAt: r.askedAt.toISOString() })),
    { header: true, escape_formulas: true, columns: ['askedAt', 'council', 'scope', 'status', 'entryId', 'confidence', 'text'] },
  );
}
