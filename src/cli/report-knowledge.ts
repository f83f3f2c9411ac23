import type { AnswerEngine } from '../engine/index.js';
import type { ReportKnowledge } from '../store/report.js';

/** What the report asks of the knowledge, answered by the engine; councils it no longer has get nothing. */
export function engineReportKnowledge(engine: AnswerEngine): ReportKnowledge {
  const known = (council: string) => engine.councilIds().includes(council);
  return {
    title: (council, id) => (known(council) ? engine.entry(council, id)?.title : undefined),
    closest: (text, council) => (known(council) ? engine.nearest(text, council)?.id : undefined),
    near: (text, council) => (known(council) ? engine.nearest(text, council, { near: true })?.id : undefined),
    topic: (council, id) => (known(council) ? engine.topicLabel(council, id) : undefined),
    meaningKey: (text, council) => (known(council) ? engine.meaningKey(text, council) : ''),
  };
}
