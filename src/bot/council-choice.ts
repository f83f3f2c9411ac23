import type { Activity } from 'botbuilder';
import type { AnswerEngine } from '../engine/index.js';
import type { Pack } from '../knowledge/types.js';
import { messages } from '../messages.js';
import { BoundedMap } from './bounded-map.js';

/**
 * Which council a conversation is answered from: the `council` command's choice for that conversation,
 * else the council mapped to its Teams tenant, else the deployment's default. Choices are in memory
 * until a store lands, bounded so a busy tenant cannot grow them without limit.
 */
export class CouncilChoice {
  private readonly byConversation: BoundedMap<string, string>;

  constructor(
    private readonly engine: AnswerEngine,
    private readonly defaultCouncil: string,
    private readonly tenantCouncils: ReadonlyMap<string, string>,
    memory: number,
  ) {
    this.byConversation = new BoundedMap(memory);
  }

  councilFor(activity: Activity): string {
    const chosen = this.byConversation.get(activity.conversation?.id);
    if (chosen) return chosen;
    const tenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
    const mapped = typeof tenant === 'string' ? this.tenantCouncils.get(tenant) : undefined;
    return mapped ?? this.defaultCouncil;
  }

  packFor(activity: Activity): Pack {
    return this.engine.pack(this.councilFor(activity));
  }

  /** Handles `council [name]` and returns the reply: the current council, the switch made, or the list. */
  choose(activity: Activity, wanted: string): string {
    const known = this.engine.councilIds().map((id) => this.engine.pack(id));
    const list = known.map((p) => `${p.council} (${p.name})`).join(', ');
    const needle = wanted.trim().toLowerCase();
    if (!needle) return messages.councilCurrent(this.packFor(activity).name, list);
    // Exact: the council's id or its full name ("council e" must not pick whichever name has an "e").
    const match = known.find((p) => p.council === needle || p.name.toLowerCase() === needle);
    // The unknown name is not echoed back: nothing typed goes into a reply.
    if (!match) return messages.councilUnknown(list);
    this.byConversation.set(activity.conversation.id, match.council);
    return messages.councilSwitched(match.name);
  }
}
