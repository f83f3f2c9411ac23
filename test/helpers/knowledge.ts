import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { AnswerEngine } from '../../src/engine/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

export const KNOWLEDGE_DIR = join(PROJECT_ROOT, 'knowledge');

let shared: AnswerEngine | undefined;
/** The engine over the real packs, built once per test file. */
export function realEngine(): AnswerEngine {
  shared ??= new AnswerEngine(loadKnowledge(KNOWLEDGE_DIR));
  return shared;
}

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway copy of the real knowledge folder, to break on purpose. */
export function knowledgeCopy(): { dir: string; edit: (file: string, change: (text: string) => string) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
  made.push(dir);
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  return {
    dir,
    edit: (file, change) => {
      const path = join(dir, file);
      writeFileSync(path, change(readFileSync(path, 'utf8')));
    },
  };
}
