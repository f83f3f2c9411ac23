import { SEARCH_COMMAND, SEARCH_PARAMETER } from '../bot/procedure-search.js';
import type { Random } from './random.js';

const QUESTIONS = [
  'how do I increase a home care package',
  'how do I increase a package?',
  'how do I pause home care for a hospital stay',
  'what is a Conversation 3',
  'what does ERRG mean',
  'how does commissioning work here, I am new',
  'where is the staff canteen',
  'Mrs Khan (NHS 943 476 5919) needs more home care',
  'help',
  'topics',
  'tour',
  'council merton',
  'council',
  'thanks',
  'hello',
  '',
];
const CARD_VALUES = [
  { action: 'answer', council: 'reading', id: 'home-care-increase' },
  { action: 'ask', council: 'reading', question: 'how do I reduce a home care package' },
  { action: 'topics', council: 'merton' },
  { action: 'topic', council: 'reading', service: 'home-care' },
  { action: 'tour', council: 'reading', step: 3 },
  { action: 'escalate', council: 'reading', botStatus: 'no_match', question: 'who pays for a taxi', detail: 'for Mr Jones' },
];
const UNHANDLED_INVOKES = ['task/fetch', 'task/submit', 'signin/verifyState', 'fileConsent/invoke', 'actionableMessage/executeAction', 'composeExtension/querySettingUrl', 'config/fetch', 'x'];
const CONVERSATION_TYPES = ['personal', 'groupChat', 'channel'];

export interface Place {
  /** The Bot Connector stand-in's address: replies in normal delivery are posted there. */
  serviceUrl: string;
  conversation: string;
}

/**
 * A valid activity of one of the kinds Teams sends this bot, in a random conversation: what the fuzzer
 * mutates. Half ask for their replies in the response (expectReplies), half in normal delivery.
 */
export function validActivity(r: Random, place: Place): Record<string, unknown> {
  const conversationType = r.pick(CONVERSATION_TYPES);
  const tenant = r.pick(['tenant-1', 'tenant-merton', 'tenant-2']);
  const base: Record<string, unknown> = {
    type: 'message',
    id: `incoming-${r.int(1_000_000)}`,
    channelId: 'msteams',
    serviceUrl: place.serviceUrl,
    locale: 'en-GB',
    conversation: { id: place.conversation, conversationType, tenantId: tenant, isGroup: conversationType !== 'personal' },
    from: { id: `user-${r.int(20)}`, name: 'Pat Practitioner', aadObjectId: '00000000-0000-0000-0000-00000000000a' },
    recipient: { id: 'bot-1', name: 'Procedures' },
    channelData: { tenant: { id: tenant }, ...(conversationType === 'channel' ? { team: { id: '19:team@thread.tacv2' }, channel: { id: '19:channel@thread.tacv2' } } : {}) },
    ...(r.chance(0.5) ? { deliveryMode: 'expectReplies' } : {}),
  };
  const question = r.pick(QUESTIONS);
  const mentioned = conversationType === 'personal' ? {} : { entities: [{ type: 'mention', mentioned: { id: 'bot-1', name: 'Procedures' }, text: '<at>Procedures</at>' }] };
  const kinds: Array<() => Record<string, unknown>> = [
    () => ({ ...base, text: conversationType === 'personal' ? question : `<at>Procedures</at> ${question}`, ...mentioned }),
    () => ({ ...base, value: r.pick(CARD_VALUES) }),
    () => ({
      ...base,
      type: 'invoke',
      name: 'message/submitAction',
      replyToId: `message-${r.int(50)}`,
      value: { actionName: 'feedback', actionValue: { reaction: r.pick(['like', 'dislike']), feedback: JSON.stringify({ feedbackText: 'not for a short stay, Mrs Khan' }) } },
    }),
    () => ({
      ...base,
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: {
          type: 'Action.Execute',
          verb: r.pick(['helpdesk/take', 'helpdesk/answer']),
          data: { escalationId: '00000000-0000-4000-8000-000000000001', council: 'reading', councilName: 'Reading', question: 'q', asker: 'a', botSaid: 'b', answer: 'yes' },
        },
        trigger: 'manual',
      },
    }),
    () => ({ ...base, type: 'invoke', name: 'composeExtension/query', value: { commandId: SEARCH_COMMAND, parameters: [{ name: SEARCH_PARAMETER, value: question }], queryOptions: { skip: 0, count: 10 } } }),
    () => ({ ...base, type: 'conversationUpdate', membersAdded: [{ id: 'bot-1', name: 'Procedures' }] }),
    () => ({ ...base, type: 'installationUpdate', action: 'add' }),
    () => ({ ...base, type: 'invoke', name: r.pick(UNHANDLED_INVOKES), value: {} }),
    () => ({ ...base, type: r.pick(['messageReaction', 'event', 'typing', 'endOfConversation', 'messageUpdate', 'messageDelete']), name: 'x', value: {} }),
  ];
  return r.pick(kinds)();
}
