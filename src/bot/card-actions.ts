import { z } from 'zod';

// What a card button sends back (Action.Submit `data`). Everything needed to answer travels in the
// button, so any instance of the bot can serve the press: no conversation state.
export const cardActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('answer'), council: z.string().max(64), id: z.string().max(128) }),
  z.object({ action: z.literal('ask'), council: z.string().max(64), question: z.string().max(500) }),
  z.object({ action: z.literal('topics'), council: z.string().max(64) }),
  z.object({ action: z.literal('topic'), council: z.string().max(64), service: z.string().max(64) }),
]);

export type CardAction = z.infer<typeof cardActionSchema>;
