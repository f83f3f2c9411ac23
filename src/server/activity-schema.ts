import { z } from 'zod';

const id = z.string().max(512);
const label = z.string().max(512).optional();
/** Printable ASCII, as Teams' ids are ("a:1Xy…", "19:…@thread.tacv2", "1596550923234"): the ids a reply
 * carries in its URL or a header, where a control character or a lone surrogate once failed the turn. */
const wireId = (max: number) => z.string().min(1).max(max).regex(/^[\x20-\x7e]+$/);

/**
 * A user or bot as Teams names it. A reply goes out addressed from the incoming `recipient` to the incoming
 * `from`, and the connector client checks these fields' types on the way out: a number for aadObjectId once
 * failed the whole turn (no reply, a stack in the log). Checked here, it is a 400 naming the field.
 */
const account = z.looseObject({
  id,
  name: label,
  aadObjectId: z.string().max(128).optional(),
  role: z.string().max(64).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

/** What the bot reads of Teams' channelData: the tenant (the council), the team (the helpdesk), the channel. */
const idHolder = z.looseObject({ id: id.optional(), name: label });

/** The activity types the bot acts on; any other (a reaction, an edit, a typing indicator) is acknowledged
 * without a turn: the SDK's handlers for them read fields (channelData.eventType) without checking. */
export const HANDLED_TYPES: ReadonlySet<string> = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate']);
/** The invokes it answers (feedback, the helpdesk card, the compose-box search); any other gets 501 without a
 * turn, as the SDK would answer it, but before its handler reads a value that may not be there. */
export const HANDLED_INVOKES: ReadonlySet<string> = new Set(['message/submitAction', 'adaptiveCard/action', 'composeExtension/query']);

/**
 * The shape an incoming activity must have before the SDK sees it: every field the bot reads, and every field
 * a reply copies back (the conversation, both accounts, the locale). The SDK answers 500 for a missing type
 * or a wrongly shaped field, or fails the turn when it serialises the reply; checked here, such a request
 * gets a 400 naming the field.
 */
export const incomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: wireId(512).optional(),
  channelId: z.string().min(1).max(128),
  // Replies are posted here: http(s) only (file: or javascript: would be worse than useless).
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.looseObject({
    id: wireId(1024),
    name: label,
    conversationType: z.string().max(64).optional(),
    tenantId: z.string().max(128).optional(),
    isGroup: z.boolean().optional(),
    aadObjectId: z.string().max(128).optional(),
    role: z.string().max(64).optional(),
    properties: z.record(z.string(), z.unknown()).optional(),
  }),
  from: account,
  recipient: account,
  locale: z.string().max(64).optional(),
  text: z.string().max(100_000).optional(),
  name: z.string().max(256).optional(),
  replyToId: wireId(512).optional(),
  deliveryMode: z.enum(['normal', 'notification', 'expectReplies', 'ephemeral']).optional(),
  // A mention is matched on its account's id and cut out of the text by its own text.
  entities: z.array(z.looseObject({ type: z.string(), mentioned: account.optional(), text: z.string().max(1024).optional() })).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string() })).optional(),
  membersAdded: z.array(account).optional(),
  membersRemoved: z.array(account).optional(),
  channelData: z
    .looseObject({ tenant: idHolder.optional(), team: idHolder.optional(), channel: idHolder.optional(), eventType: z.string().max(64).optional() })
    .optional(),
});
