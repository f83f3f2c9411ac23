import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { AnswerEngine } from '../engine/engine.js';
import { classKey, packClasses } from '../engine/intent-model.js';
import { CLASSIFIER_FILE } from '../knowledge/fingerprint.js';
import { loadKnowledge, RESERVED_FILES } from '../knowledge/load.js';

const TAG = /-synth\d+$/;

/**
 * A copy of the knowledge folder with every entry file repeated `factor` times: copy k gets ids and
 * words of its own (`synth<k>`) so the index really grows, and the packs still load through the
 * ordinary loader and validation. Each council's classifier file is rewritten for the larger pack: copy k of
 * an entry gets the weights its original learnt (training on a corpus copied a hundred times is not what the
 * benchmark measures; scoring a classifier with a hundred times the classes is).
 */
export function syntheticKnowledge(sourceDir: string, factor: number, source: AnswerEngine): string {
  const dir = mkdtempSync(join(tmpdir(), `knowledge-x${factor}-`));
  cpSync(sourceDir, dir, { recursive: true });
  if (factor === 1) return dir;
  for (const council of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const folder = join(dir, council.name);
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.yaml') && !RESERVED_FILES.has(f))) {
      const { entries } = parse(readFileSync(join(folder, file), 'utf8')) as { entries: Array<Record<string, unknown>> };
      for (let k = 1; k < factor; k++) {
        const tag = `synth${k}`;
        const copies = entries.map((e) => ({
          ...e,
          id: `${String(e.id)}-${tag}`,
          title: `${String(e.title)} ${tag}`,
          examples: ((e.examples as string[] | undefined) ?? []).map((x) => `${x} ${tag}`),
          related: [],
        }));
        writeFileSync(join(folder, `${file.replace('.yaml', '')}-${tag}.yaml`), stringify({ entries: copies }));
      }
    }
  }
  for (const pack of loadKnowledge(dir).packs.values()) {
    const model = source.intentModel(pack.council);
    if (!model) continue;
    const original = new Map(model.classes.map((c, i) => [classKey(c), i]));
    const classes = packClasses(pack);
    const sourceOf = classes.map((c) => original.get(classKey(c).replace(TAG, ''))!);
    writeFileSync(join(dir, pack.council, CLASSIFIER_FILE), JSON.stringify(model.withCopiedClasses(classes, sourceOf).toFile(source.modelFingerprint(pack))));
  }
  return dir;
}
