import { CardFactory, type MessagingExtensionResponse } from 'botbuilder';
import { z } from 'zod';
import type { AnswerEngine } from '../engine/index.js';
import { firstParagraph } from '../knowledge/body.js';
import { messages } from '../messages.js';
import { shorten } from '../text/shorten.js';
import { documentUrl } from './answer-activity.js';
import { answerCard } from './cards/answer-card.js';

/** The message extension's query command and its one parameter, as manifest/manifest.json names them. */
export const SEARCH_COMMAND = 'searchProcedures';
export const SEARCH_PARAMETER = 'query';

// Teams asks for 25 at a time; a list longer than ten stops helping a person pick.
const MAX_RESULTS = 10;

/** The query as Teams sends it (composeExtension/query). Checked before it is read: parameters that were
 * not a list once failed the turn. */
const searchQuerySchema = z.looseObject({
  commandId: z.string().max(128).optional(),
  parameters: z.array(z.looseObject({ name: z.string().max(128), value: z.unknown() })).max(20).optional(),
  queryOptions: z.looseObject({ skip: z.number().int().min(0).max(10_000).optional(), count: z.number().int().min(0).max(1000).optional() }).optional(),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** The query, or undefined when it is not shaped as Teams sends one. */
export function parseSearchQuery(query: unknown): SearchQuery | undefined {
  const parsed = searchQuerySchema.safeParse(query);
  return parsed.success ? parsed.data : undefined;
}
const PREVIEW_TEXT_MAX = 120;

/**
 * The search a practitioner runs from a chat's compose box: procedures best first, each shown as its title
 * and first line, and inserted as its answer card for everyone in the chat. The inserted card has no
 * feedback and no buttons that talk to the bot (the bot may not be in that chat), but keeps its source and
 * the link to the procedures document.
 */
export function searchProcedures(engine: AnswerEngine, council: string, query: SearchQuery): MessagingExtensionResponse {
  if (query.commandId !== SEARCH_COMMAND) return message(messages.search.unknownCommand);
  // With `initialRun` Teams first sends no text (a parameter named "initialRun"): the pack in reading order.
  const raw = query.parameters?.find((p) => p.name === SEARCH_PARAMETER)?.value;
  const text = typeof raw === 'string' ? raw.trim() : '';
  const skip = Math.max(0, query.queryOptions?.skip ?? 0);
  const count = Math.min(MAX_RESULTS, Math.max(1, query.queryOptions?.count ?? MAX_RESULTS));
  const found = engine.search(text, council, skip + count).slice(skip);
  if (found.length === 0) return skip > 0 ? results([]) : message(messages.search.nothing);
  const pack = engine.pack(council);
  return results(
    found.map((entry) => ({
      ...CardFactory.adaptiveCard(answerCard(entry, [], {}, documentUrl(pack))),
      preview: CardFactory.thumbnailCard(entry.title, [], [], { text: shorten(firstParagraph(entry.body) ?? entry.source.section, PREVIEW_TEXT_MAX) }),
    })),
  );
}

const results = (attachments: NonNullable<MessagingExtensionResponse['composeExtension']>['attachments']): MessagingExtensionResponse => ({
  composeExtension: { type: 'result', attachmentLayout: 'list', attachments },
});

const message = (text: string): MessagingExtensionResponse => ({ composeExtension: { type: 'message', text } });
