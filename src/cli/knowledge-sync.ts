import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { displayPath } from '../knowledge/read-yaml.js';
import { comparePack, type SyncReport } from '../knowledge/sync.js';
import type { Pack } from '../knowledge/types.js';
import { messages } from '../messages.js';
import { loadEngine, runCli, UsageError } from './common.js';

// `npm run knowledge:sync -- --council ID [--source FILE] [--format text|json]`: compares a pack with a text
// version of its procedure. Exit 0 in step, 1 not, 2 on bad input (one line on stderr).
const m = messages.cli;

runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: { council: { type: 'string' }, source: { type: 'string' }, format: { type: 'string', default: 'text' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(m.syncUsage);
    return 0;
  }
  if (!values.council) throw new UsageError(m.syncUsage);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(m.syncBadFormat(values.format));
  const { engine, council, knowledgeDir } = loadEngine(values.council);
  const pack = engine.pack(council);
  const source = values.source ?? pack.sync.source;
  if (!source) throw new UsageError(m.syncNoSource(council));
  if (!existsSync(source)) throw new UsageError(m.syncMissingFile(source));
  const report = comparePack(pack, readFileSync(source, 'utf8'), values.source ?? displayPath(source));
  if (values.format === 'json') console.log(JSON.stringify(report));
  else console.log(asText(report, pack, (text) => engine.nearest(text.slice(0, 1000), council)?.id, displayPath(join(knowledgeDir, council, 'pack.yaml'))));
  return report.inSync ? 0 : 1;
});

/** For people: stale sentences grouped by entry (with its file), uncovered ones by line with the nearest entry. */
function asText(report: SyncReport, pack: Pack, closest: (text: string) => string | undefined, packFile: string): string {
  const version = [pack.document.version, pack.document.updated].filter(Boolean).join(', ');
  if (report.inSync) return m.syncInStep(report.council, version, report.source);
  const lines = [m.syncNotInStep(report.council, version, report.source)];
  if (report.stale.length > 0) {
    lines.push('', m.syncStaleTitle(report.stale.length));
    for (const entryId of new Set(report.stale.map((s) => s.entryId))) {
      const entry = pack.entries.find((e) => e.id === entryId)!;
      lines.push(`  ${entryId} (${entry.file}):`);
      for (const s of report.stale.filter((x) => x.entryId === entryId)) lines.push(`    "${s.text}"`);
    }
  }
  if (report.uncovered.length > 0) {
    lines.push('', m.syncUncoveredTitle(report.uncovered.length));
    for (const u of report.uncovered) {
      const near = closest(u.text);
      lines.push(`  line ${u.line}: "${u.text}"${near ? `  (${m.syncClosest(near)})` : ''}`);
    }
  }
  lines.push('', m.syncHint(packFile));
  return lines.join('\n');
}
