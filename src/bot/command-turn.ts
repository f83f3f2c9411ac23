import type { TurnContext } from 'botbuilder';
import type { Pack } from '../knowledge/types.js';
import { topicsCard } from './cards/choice-cards.js';
import { welcomeCard } from './cards/welcome-card.js';
import type { CouncilChoice } from './council-choice.js';
import { sendCard } from './send-card.js';
import type { Tours } from './tour.js';

/**
 * The bot's commands: `help`, `topics` and `tour` alone, `council [name]`, and a switch of council asked in
 * words. `help`, `topics` and `tour` followed by more are questions ("help with a direct payment").
 */
export class CommandTurn {
  constructor(
    private readonly councils: CouncilChoice,
    private readonly tours: Tours,
  ) {}

  /** Carries out the command `text` is; false when it is none (it is then a question). */
  async run(context: TurnContext, text: string): Promise<boolean> {
    const { activity } = context;
    const switched = await this.councils.switchRequest(activity, text);
    if (switched) {
      await context.sendActivity(switched);
      return true;
    }
    const [command, ...rest] = text.split(/\s+/);
    switch (command?.toLowerCase()) {
      case 'help':
        if (rest.length > 0) return false;
        await sendCard(context, welcomeCard(await this.pack(context)));
        return true;
      case 'topics':
        if (rest.length > 0) return false;
        await sendCard(context, topicsCard(await this.pack(context)));
        return true;
      case 'tour':
        if (rest.length > 0) return false;
        await this.tours.start(context, (await this.pack(context)).council, 0);
        return true;
      case 'council':
        await context.sendActivity(await this.councils.choose(activity, rest.join(' ')));
        return true;
      default:
        return false;
    }
  }

  private pack(context: TurnContext): Promise<Pack> {
    return this.councils.packFor(context.activity);
  }
}
