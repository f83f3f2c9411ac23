import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AnsweredMessage, BotStore } from '../store/store.js';
import { withDeadline } from '../util/deadline.js';

// Teams' feedback loop (channelData.feedbackLoop) posts this as a `message/submitAction` invoke
// when thumbs are pressed; `feedback` is a JSON string holding what the user wrote.
const feedbackInvokeSchema = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({ reaction: z.enum(['like', 'dislike']), feedback: z.string().max(10_000).optional() }),
});

/** The reaction and comment of a feedback invoke, or undefined when the value is not one. */
export interface FeedbackInvoke {
  reaction: 'like' | 'dislike';
  /** What the practitioner wrote, if anything: redacted by the store, never logged raw at info level. */
  comment: string | undefined;
}

export function parseFeedbackInvoke(value: unknown): FeedbackInvoke | undefined {
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

/** A thumbs press may wait this long to learn which entry its message carried; past it the message id is
 * kept and the report joins it later. */
const LOOKUP_MS = 2000;

/**
 * Keeps a thumbs press against the entry and question of the message it was given on, whichever instance
 * sent that message. Teams names the message in replyToId; Agents Playground sends none, and its feedback is
 * taken to be about the conversation's latest answer, the one under which the thumbs usually are.
 */
export async function recordFeedback(
  context: TurnContext,
  feedback: FeedbackInvoke,
  deps: { store: BotStore; logger: Logger; councilOf: (activity: Activity) => Promise<string>; knows: (council: string, word: string) => boolean },
): Promise<AnsweredMessage | undefined> {
  const { store, logger } = deps;
  const conversationId = context.activity.conversation?.id ?? '';
  const replyToId = context.activity.replyToId;
  let about: AnsweredMessage | undefined;
  try {
    // The store answers from its queue when the database is not writing (opening, away), without waiting.
    about = await withDeadline(replyToId ? store.answerFor(conversationId, replyToId) : store.latestAnswerIn(conversationId), LOOKUP_MS);
  } catch (error) {
    logger.warn({ event: 'feedback-unlinked', reason: (error as Error).name }, 'feedback kept by message id only');
  }
  const council = about?.council ?? (await deps.councilOf(context.activity));
  store.recordFeedback({
    reaction: feedback.reaction,
    comment: feedback.comment,
    messageId: replyToId ?? about?.messageId,
    conversationId,
    council: about?.council,
    entryId: about?.entryId ?? undefined,
    questionId: about?.questionId ?? undefined,
    knows: (word) => deps.knows(council, word),
  });
  logger.info(
    { event: 'feedback', reaction: feedback.reaction, entryId: about?.entryId, council: about?.council, comment: feedback.comment !== undefined, messageId: replyToId ?? about?.messageId },
    'feedback received',
  );
  return about;
}
