import { z } from 'zod';
import type { Feedback } from './feedback-store.js';

// Teams' feedback loop (channelData.feedbackLoopEnabled) posts this as a `message/submitAction` invoke
// when thumbs are pressed; `feedback` is a JSON string holding what the user wrote.
const feedbackInvokeSchema = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({ reaction: z.enum(['like', 'dislike']), feedback: z.string().max(10_000).optional() }),
});

/** The reaction and comment of a feedback invoke, or undefined when the value is not one. */
export function parseFeedbackInvoke(value: unknown): Pick<Feedback, 'reaction' | 'comment'> | undefined {
  const parsed = feedbackInvokeSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { reaction, feedback } = parsed.data.actionValue;
  return { reaction, comment: feedbackText(feedback) };
}

function feedbackText(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { feedbackText?: unknown };
    return typeof parsed.feedbackText === 'string' ? parsed.feedbackText : undefined;
  } catch {
    return raw;
  }
}
