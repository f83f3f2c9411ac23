import { ActivityTypes, CardFactory, type Activity, type InvokeResponse } from 'botbuilder';
import type { AdaptiveCard } from './cards/adaptive.js';

/** A message carrying one card. */
export const cardActivity = (card: AdaptiveCard): Partial<Activity> => ({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] });

/** A Universal Action's reply that shows the presser a line of text and leaves the card as it is. */
export const textResponse = (text: string): InvokeResponse => ({
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
});

/** A Universal Action's reply that redraws the card for whoever pressed. */
export const cardResponse = (card: AdaptiveCard): InvokeResponse => ({
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
});

/** A Universal Action no card of the bot's sends, in Teams' error shape. */
export const badCardActionResponse = (): InvokeResponse => ({
  status: 400,
  body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'unknown card action' } },
});
