import { z } from 'zod';

/** Longest question and detail a practitioner can send to the helpdesk (the form's boxes stop there). */
export const QUESTION_MAX = 1000;
export const DETAIL_MAX = 1000;

// What a card button sends back (Action.Submit `data`). Everything needed to answer travels in the
// button, so any instance of the bot can serve the press: no conversation state.
export const cardActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('answer'), council: z.string().max(64), id: z.string().max(128) }),
  z.object({ action: z.literal('ask'), council: z.string().max(64), question: z.string().max(500) }),
  z.object({ action: z.literal('topics'), council: z.string().max(64) }),
  z.object({ action: z.literal('topic'), council: z.string().max(64), service: z.string().max(64) }),
  // The guided tour: the position travels in the button, so any instance shows the next card.
  z.object({ action: z.literal('tour'), council: z.string().max(64), step: z.number().int().min(0).max(10_000) }),
  // "Ask the helpdesk": the form's inputs (question, detail) arrive merged into the data.
  z.object({
    action: z.literal('escalate'),
    council: z.string().max(64),
    botStatus: z.enum(['no_match', 'disliked']),
    entryId: z.string().max(128).optional(),
    questionId: z.uuid().optional(),
    question: z.string().max(QUESTION_MAX).default(''),
    detail: z.string().max(DETAIL_MAX).optional(),
  }),
]);

export type CardAction = z.input<typeof cardActionSchema>;
export type ParsedCardAction = z.infer<typeof cardActionSchema>;
