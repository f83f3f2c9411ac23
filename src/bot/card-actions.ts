import { z } from 'zod';

/** Longest question and detail a practitioner can send to the helpdesk (the form's boxes stop there). */
export const QUESTION_MAX = 1000;
export const DETAIL_MAX = 1000;

// What a card button sends back (Action.Submit `data`). Everything needed to answer travels in the
// button, so any instance of the bot can serve the press: no conversation state.
export const cardActionSchema = z.discriminatedUnion('action', [
  // A "which one?" choice carries the question, so the answer shows the sentence that answers it.
  z.object({
    action: z.literal('answer'),
    council: z.string().max(64),
    id: z.string().max(128),
    question: z.string().max(QUESTION_MAX).optional(),
    questionId: z.uuid().optional(),
  }),
  // "None of these" under a "which one?": the not-found reply, with the helpdesk where it can be reached.
  z.object({ action: z.literal('none'), council: z.string().max(64), question: z.string().max(QUESTION_MAX).default(''), questionId: z.uuid().optional() }),
  z.object({ action: z.literal('ask'), council: z.string().max(64), question: z.string().max(500) }),
  z.object({ action: z.literal('topics'), council: z.string().max(64) }),
  z.object({ action: z.literal('topic'), council: z.string().max(64), service: z.string().max(64) }),
  // The guided tour's start (its moves are Action.Execute: see TOUR_VERB); the position travels in the button.
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

/** The guided tour's Back and Next: an `adaptiveCard/action` invoke whose answer replaces the card in place. */
export const TOUR_VERB = 'tour/step';
export const tourActionSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.literal(TOUR_VERB),
    data: z.object({ council: z.string().max(64), step: z.number().int().min(0).max(10_000), tour: z.string().max(64) }),
  }),
});
export type TourStep = z.infer<typeof tourActionSchema>['action']['data'];
