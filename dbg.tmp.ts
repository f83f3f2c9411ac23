import { join } from 'node:path';
import { loadKnowledge } from './src/knowledge/load.js';
import { AnswerEngine } from './src/engine/index.js';
import { loadEvalSet } from './src/eval/evaluate.js';
const engine = new AnswerEngine(loadKnowledge('knowledge'));
for (const folder of process.argv.slice(2)) {
  for (const q of loadEvalSet(join('test', folder))) {
    const r = engine.explain(q.q, q.council);
    const got = r.status === 'answered' ? r.entry!.id : r.status;
    if (q.expect.includes(got)) continue;
    const a = r.explanation.analysis;
    const top = r.explanation.ranked.slice(0, 2).map((s) => `${s.entry.id}:${s.score.toFixed(2)}/c${s.coverage.toFixed(2)}`).join(' ');
    console.log(`${r.reason.padEnd(18)} ${q.q}\n   want ${q.expect.join('|')}  S[${a.services.map((h) => h.id + ':' + h.weight).join(' ')}] A[${a.actions.map((h) => h.id + ':' + h.weight).join(' ')}] unk[${r.explanation.unknown.join(' ')}]  ${top}`);
  }
}
