import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportAnswers, type ApprovedAnswer } from '../knowledge/export-answers.js';
import { messages } from '../messages.js';
import { describeError } from '../store/errors.js';
import { openCliStore } from './open-cli-store.js';
import { CliFailure, loadEngine, runCli, UsageError } from './common.js';

// `npm run knowledge:export-answers -- --council ID`: the council's approved helpdesk answers as an entries file
// of its pack (Q&A pairs), read from the bot's store (DATABASE_URL, else DATA_DIR: stop the bot first).
runCli(async (argv) => {
  const { values } = parseArgs({ args: argv, options: { council: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    console.log(messages.cli.exportUsage);
    return 0;
  }
  if (!values.council) throw new UsageError(messages.cli.exportUsage);
  const { engine, council } = loadEngine(values.council);
  const pack = engine.pack(council);
  const store = await openCliStore();
  try {
    const rows = await store.helpdeskAnswers.approved(council);
    const approved: ApprovedAnswer[] = rows.map((r) => ({ ...r, approvedAt: r.approvedAt ?? r.updatedAt }));
    const first = pack.entries[0]!.services;
    const servicesOf = (a: ApprovedAnswer) =>
      (a.entryId ? engine.entry(council, a.entryId)?.services : undefined) ?? engine.nearest(a.question, council)?.services ?? first;
    const yaml = exportAnswers(pack, approved, servicesOf);
    if (values.out) {
      writeFileSync(values.out, yaml);
      process.stderr.write(`${messages.cli.exportWritten(approved.length, values.out)}\n`);
    } else process.stdout.write(yaml);
    return 0;
  } catch (error) {
    const { code, reason } = describeError(error);
    throw new CliFailure(code, messages.cli.reportFailed(code, reason));
  } finally {
    await store.close();
  }
});
