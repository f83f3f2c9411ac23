import { z } from 'zod';
import { DETAIL_MAX, QUESTION_MAX } from './card-actions.js';
import { ANSWER_MAX } from './cards/helpdesk-cards.js';

const NAME_MAX = 256;

// What a helpdesk card's Action.Execute sends back (an `adaptiveCard/action` invoke): the card's view, with
// the answer box merged in by Teams. Bounded like everything else a client sends.
export const helpdeskActionSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.enum(['helpdesk/take', 'helpdesk/answer']),
    data: z.object({
      escalationId: z.uuid(),
      council: z.string().max(64),
      councilName: z.string().max(NAME_MAX),
      question: z.string().max(QUESTION_MAX),
      detail: z.string().max(DETAIL_MAX).optional(),
      asker: z.string().max(NAME_MAX),
      botSaid: z.string().max(1000),
      takenBy: z.string().max(NAME_MAX).optional(),
      answer: z.string().max(ANSWER_MAX).optional(),
      // The "Add to the bot's answers" toggle and the question in general form.
      addToAnswers: z.enum(['true', 'false']).optional(),
      general: z.string().max(QUESTION_MAX).optional(),
    }),
  }),
});

export type HelpdeskAction = z.infer<typeof helpdeskActionSchema>['action'];

// What an approval card's buttons send: the answer and the version the card was drawn from; Edit's form
// merges in the new question and answer.
export const approvalActionSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.enum(['helpdesk/approve', 'helpdesk/reject', 'helpdesk/edit', 'helpdesk/retire']),
    data: z.object({
      answerId: z.uuid(),
      council: z.string().max(64),
      version: z.number().int().min(1).max(1_000_000),
      question: z.string().max(QUESTION_MAX).optional(),
      answer: z.string().max(ANSWER_MAX).optional(),
    }),
  }),
});

export type ApprovalAction = z.infer<typeof approvalActionSchema>['action'];
