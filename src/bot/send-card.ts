import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from './cards/adaptive.js';

/** Sends one Adaptive Card as a message. */
export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] });
}
