import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { AnswerEngine } from '../engine/index.js';
import { CLASSIFIER_FILE } from '../knowledge/fingerprint.js';
import { loadKnowledge } from '../knowledge/load.js';
import { displayPath } from '../knowledge/read-yaml.js';
import { runCli } from './common.js';

// Trains each council's intent classifier from its questions corpus and writes knowledge/<council>/
// classifier.json, stamped with the fingerprint of what it was trained from. Deterministic: the same
// knowledge gives the same file. A current file is left alone (`--force` writes it again); `--check` writes
// nothing and exits 1 when a file is missing or stale. `npm run build` runs it, so a build is never stale.
runCli(async (argv) => {
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean', default: false }, force: { type: 'boolean', default: false } } });
  const { KNOWLEDGE_DIR } = loadConfig();
  const knowledge = loadKnowledge(KNOWLEDGE_DIR);
  const engine = new AnswerEngine(knowledge);
  let stale = 0;
  for (const pack of knowledge.packs.values()) {
    const file = join(KNOWLEDGE_DIR, pack.council, CLASSIFIER_FILE);
    const current = !engine.trainedAtStart.includes(pack.council);
    const model = engine.intentModel(pack.council);
    if (!model) {
      console.log(`${pack.council}: no questions corpus, no classifier`);
      continue;
    }
    if (values.check) {
      if (!current) stale++;
      console.log(`${pack.council}: ${displayPath(file)} ${current ? 'is current' : 'is missing or stale: run npm run knowledge:train'}`);
      continue;
    }
    if (current && !values.force) {
      console.log(`${pack.council}: ${displayPath(file)} is current`);
      continue;
    }
    const data = model.toFile(engine.modelFingerprint(pack));
    // One feature name per line, so that a corpus change shows as a readable diff of names.
    const { model: m } = data;
    const body = [
      '{',
      `"fingerprint": ${JSON.stringify(data.fingerprint)},`,
      `"classes": ${JSON.stringify(data.classes)},`,
      `"features": [\n${data.features.map((f) => JSON.stringify(f)).join(',\n')}\n],`,
      `"model": {"classes": ${m.classes},\n"bias": ${JSON.stringify(m.bias)},\n"offsets": ${JSON.stringify(m.offsets)},\n"classIds": ${JSON.stringify(m.classIds)},\n"weights": ${JSON.stringify(m.weights)}}`,
      '}',
    ].join('\n');
    writeFileSync(file, `${body}\n`);
    console.log(`${pack.council}: ${displayPath(file)} written (${pack.questions().length} questions, ${data.classes.length} classes, ${data.features.length} features)`);
  }
  return stale > 0 ? 1 : 0;
});
