import { loadConfig } from '../config.js';
import { AnswerEngine } from '../engine/index.js';
import { checkKnowledge } from '../knowledge/check.js';
import { loadKnowledge } from '../knowledge/load.js';
import { syncFindings } from '../knowledge/sync.js';
import { runCli } from './common.js';

// Validates every pack as the server does at start, compares each with its procedure (knowledge:sync), then
// lists what an editor should look at.
// Exit 0 when clean or warnings only; 1 on any error (a load failure included).
runCli(async () => {
  const { KNOWLEDGE_DIR } = loadConfig();
  const knowledge = loadKnowledge(KNOWLEDGE_DIR);
  const findings = checkKnowledge(knowledge);
  // A neighbouring-topic term the pack's own text uses is left out by the engine: the editor should know.
  const engine = new AnswerEngine(knowledge);
  for (const council of engine.councilIds()) {
    for (const term of engine.coveredTopicTerms(council)) {
      findings.push({ level: 'warning', council, message: `not-covered term "${term}" appears in the pack's own text, so it is not treated as out of scope` });
    }
  }
  // Each pack against the procedure it follows, when that file is here (../shared/procedures beside the repo).
  for (const pack of knowledge.packs.values()) findings.push(...syncFindings(pack));
  // The trained classifier must be the one its knowledge gives (npm run knowledge:train writes it).
  for (const council of engine.trainedAtStart) {
    findings.push({ level: 'error', council, message: `knowledge/${council}/classifier.json is missing or stale: run npm run knowledge:train` });
  }
  for (const pack of knowledge.packs.values()) {
    console.log(`${pack.council}: ${pack.entries.length} entries, ${pack.links.length} links (${pack.document.version ?? 'no version'}, ${pack.document.updated})`);
  }
  for (const f of findings) console.log(`${f.level}: [${f.council}] ${f.message}`);
  const errors = findings.filter((f) => f.level === 'error').length;
  console.log(`${errors} error(s), ${findings.length - errors} warning(s)`);
  return errors > 0 ? 1 : 0;
});
