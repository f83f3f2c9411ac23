import { z } from 'zod';

const account = z.looseObject({ id: z.string().max(512), name: z.string().max(512).optional() });

/**
 * The shape an incoming activity must have before the SDK sees it. The SDK answers 500 for a missing
 * type or a wrongly shaped field; checked here, such a request gets a 400 naming the field.
 */
export const incomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(128),
  // Replies are posted here: http(s) only (file: or javascript: would be worse than useless).
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.looseObject({
    id: z.string().min(1).max(1024),
    conversationType: z.string().max(64).optional(),
    tenantId: z.string().max(128).optional(),
  }),
  from: account,
  recipient: account,
  text: z.string().max(100_000).optional(),
  name: z.string().max(256).optional(),
  replyToId: z.string().max(512).optional(),
  deliveryMode: z.enum(['normal', 'notification', 'expectReplies', 'ephemeral']).optional(),
  entities: z.array(z.looseObject({ type: z.string() })).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string() })).optional(),
  membersAdded: z.array(account).optional(),
  membersRemoved: z.array(account).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});
