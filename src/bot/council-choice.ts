import type { Activity } from 'botbuilder';
import type { AnswerEngine } from '../engine/index.js';
import type { Pack } from '../knowledge/types.js';
import { messages } from '../messages.js';
import type { ConversationState } from './conversation-state.js';

/**
 * Which council a conversation is answered from: the `council` command's choice for that conversation (kept
 * in the store, so every instance honours it), else the council mapped to its Teams tenant, else the
 * deployment's default.
 */
export class CouncilChoice {
  constructor(
    private readonly engine: AnswerEngine,
    private readonly state: ConversationState,
    private readonly defaultCouncil: string,
    private readonly tenantCouncils: ReadonlyMap<string, string>,
  ) {}

  async councilFor(activity: Activity): Promise<string> {
    const id = activity.conversation?.id;
    const chosen = id ? (await this.state.get(id)).council : undefined;
    if (chosen && this.engine.councilIds().includes(chosen)) return chosen;
    const tenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
    const mapped = typeof tenant === 'string' ? this.tenantCouncils.get(tenant) : undefined;
    return mapped ?? this.defaultCouncil;
  }

  async packFor(activity: Activity): Promise<Pack> {
    return this.engine.pack(await this.councilFor(activity));
  }

  /** Handles `council [name]` and returns the reply: the current council, the switch made, or the list. */
  async choose(activity: Activity, wanted: string): Promise<string> {
    const known = this.engine.councilIds().map((id) => this.engine.pack(id));
    const list = known.map((p) => `${p.council} (${p.name})`).join(', ');
    const needle = wanted.trim().toLowerCase();
    if (!needle) return messages.councilCurrent((await this.packFor(activity)).name, list);
    // Exact: the council's id or its full name ("council e" must not pick whichever name has an "e").
    const match = known.find((p) => p.council === needle || p.name.toLowerCase() === needle);
    // The unknown name is not echoed back: nothing typed goes into a reply.
    if (!match) return messages.councilUnknown(list);
    this.state.setCouncil(activity.conversation.id, match.council);
    return messages.councilSwitched(match.name);
  }
}
