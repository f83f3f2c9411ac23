import { normalise } from '../text/normalise.js';
import type { KnowledgeBase } from './types.js';

export interface Finding {
  level: 'error' | 'warning';
  council: string;
  message: string;
}

/**
 * What a content editor should look at beyond what makes a pack fail to load: repeated example
 * phrasings (they make two entries compete), links with no known address, entries nobody can find by
 * example, entries left off the tour, a glossary name given to two terms. Duplicate ids already fail the load.
 */
export function checkKnowledge(knowledge: KnowledgeBase): Finding[] {
  const findings: Finding[] = [];
  for (const pack of knowledge.packs.values()) {
    const council = pack.council;
    const seen = new Map<string, string>();
    for (const entry of pack.entries) {
      if (entry.examples.length === 0) {
        findings.push({ level: 'warning', council, message: `${entry.file}: entry "${entry.id}" has no examples` });
      }
      for (const example of [entry.title, ...entry.examples]) {
        const key = normalise(example);
        const first = seen.get(key);
        if (first && first !== entry.id) {
          findings.push({
            level: 'error',
            council,
            message: `${entry.file}: entry "${entry.id}": example "${example}" duplicates one in entry "${first}"`,
          });
        } else if (first === entry.id) {
          findings.push({ level: 'warning', council, message: `${entry.file}: entry "${entry.id}": example "${example}" is repeated` });
        }
        seen.set(key, entry.id);
      }
    }
    // New staff: every procedure on the tour, and each glossary name meaning one term.
    if (pack.overview) {
      const toured = new Set(pack.overview.tour);
      for (const entry of pack.entries) {
        if (!toured.has(entry.id)) findings.push({ level: 'warning', council, message: `entry "${entry.id}" is not on the tour (overview.yaml tour)` });
      }
    }
    const named = new Map<string, string>();
    for (const term of pack.glossary) {
      for (const name of term.names) {
        const key = normalise(name);
        const other = named.get(key);
        if (other && other !== term.entry.id) findings.push({ level: 'error', council, message: `glossary name "${name}" is used by "${other}" and "${term.entry.id}"` });
        named.set(key, term.entry.id);
      }
    }
    for (const link of pack.links) {
      if (!link.url) {
        findings.push({ level: 'warning', council, message: `link "${link.id}" (${link.title}) has no known address` });
      }
    }
  }
  return findings;
}
