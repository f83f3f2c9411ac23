import { ActivityTypes, type Activity, type Attachment } from 'botbuilder';
import { firstParagraph } from '../knowledge/body.js';
import type { Entry, Pack } from '../knowledge/types.js';
import { messages } from '../messages.js';
import { shorten } from '../text/shorten.js';
// Without it the connector client drops the citation entity's properties on the way out.
import './keep-entity-properties.js';

/**
 * Teams' feedback buttons on a bot message, in the current form. Teams rejects a message that carries this
 * together with the legacy `feedbackLoopEnabled`, so only this is ever sent.
 */
export const feedbackLoop = { feedbackLoop: { type: 'default' } } as const;

// Teams' limits for a citation's appearance (learn.microsoft.com, "Bot messages with AI-generated content").
const NAME_MAX = 80;
const ABSTRACT_MAX = 160;
const KEYWORD_MAX = 28;

/** The procedures document's address, when it is a web page Teams can open (https). */
export const documentUrl = (pack: Pack): string | undefined => (pack.document.url?.startsWith('https:') ? pack.document.url : undefined);

/**
 * The procedure an answer comes from, as a schema.org Message entity whose one Claim Teams shows as the
 * reference behind the [1] in the message text: the section's name, the procedure's https address, and the
 * sentence that answered (or the entry's first) as the extract.
 */
export function citation(entry: Entry, pack: Pack, quote?: string): { text: string; entities: Activity['entities'] } {
  const first = firstParagraph(entry.body) ?? entry.title;
  const url = documentUrl(pack);
  const keywords = [pack.name, entry.source.version ? `${entry.source.version}, ${entry.source.updated}` : entry.source.updated]
    .filter((k) => k.length <= KEYWORD_MAX);
  return {
    text: messages.citedFrom(entry.source.section),
    entities: [
      {
        type: 'https://schema.org/Message',
        '@type': 'Message',
        '@context': 'https://schema.org',
        '@id': '',
        citation: [
          {
            '@type': 'Claim',
            position: 1,
            appearance: {
              '@type': 'DigitalDocument',
              name: shorten(`${entry.source.section}, ${entry.source.document}`, NAME_MAX),
              abstract: shorten(quote ?? first, ABSTRACT_MAX),
              ...(url ? { url } : {}),
              ...(keywords.length > 0 ? { keywords } : {}),
            },
          },
        ],
      },
    ],
  };
}

/** An answer as a message: the card, the cited procedure, and feedback buttons. */
export function answerActivity(card: Attachment, entry: Entry, pack: Pack, quote?: string): Partial<Activity> {
  const cited = citation(entry, pack, quote);
  return { type: ActivityTypes.Message, text: cited.text, textFormat: 'plain', attachments: [card], entities: cited.entities, channelData: feedbackLoop };
}
