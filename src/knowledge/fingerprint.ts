import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { KnowledgeError } from './errors.js';
import { displayPath } from './read-yaml.js';

/** The trained intent classifier of a council, written by `npm run knowledge:train`; never edited by hand. */
export const CLASSIFIER_FILE = 'classifier.json';

/**
 * A digest of every knowledge file a council's answers depend on: the common vocabulary and the council's
 * own YAML files, its questions corpus included. The classifier file records the digest it was trained from,
 * so a stale one is recognised (and retrained at start, and refused by knowledge:check).
 */
export function packFingerprint(commonFile: string, folder: string): string {
  const hash = createHash('sha256');
  const files = [...(existsSync(commonFile) ? [commonFile] : []), ...yamlFiles(folder)];
  for (const file of files) hash.update(`${relative(join(folder, '..'), file)}\n`).update(readFileSync(file)).update('\n');
  return hash.digest('hex');
}

function yamlFiles(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return name.endsWith('.yaml') ? [path] : [];
    });
}

/** The classifier file's data, if the council has one: checked by the engine, which knows its shape. */
export function readClassifier(folder: string): unknown {
  const file = join(folder, CLASSIFIER_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    throw new KnowledgeError('yaml', `${displayPath(file)}: not valid JSON (rebuild it: npm run knowledge:train)`);
  }
}
