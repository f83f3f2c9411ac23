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
    const list = this.known().map((p) => `${p.council} (${p.name})`).join(', ');
    if (!wanted.trim()) return messages.councilCurrent((await this.packFor(activity)).name, list);
    const match = this.named(wanted);
    // The unknown name is not echoed back: nothing typed goes into a reply.
    if (!match) return messages.councilUnknown(list);
    this.state.setCouncil(activity.conversation.id, match.council);
    return messages.councilSwitched(match.name);
  }

  /**
   * "switch to merton", "change to Reading council", "use merton": the reply to a switch asked in words, or
   * undefined when the message is not one. "use …" switches only when a council's name is all that follows
   * ("use a provider who…" is a question).
   */
  async switchRequest(activity: Activity, text: string): Promise<string | undefined> {
    const asked = SWITCH.exec(text.trim());
    if (asked?.[1] !== undefined) return this.choose(activity, asked[1]);
    const use = USE.exec(text.trim());
    return use?.[1] !== undefined && this.named(use[1]) ? this.choose(activity, use[1]) : undefined;
  }

  private known(): Pack[] {
    return this.engine.councilIds().map((id) => this.engine.pack(id));
  }

  /** Exact: the council's id or its full name, with or without "the" and "council" ("council e" must not
   * pick whichever name has an "e"). */
  private named(wanted: string): Pack | undefined {
    const needle = wanted.toLowerCase().replace(/[.!?]+$/, '').trim().replace(/^the\s+/, '');
    const bare = needle.replace(/\s+council$/, '');
    return this.known().find((p) => [needle, bare].some((n) => n === p.council || n === p.name.toLowerCase()));
  }
}

const SWITCH = /^(?:please\s+)?(?:switch|change|move)(?:\s+(?:the\s+)?council)?\s+to\s+(.+)$/i;
const USE = /^(?:please\s+)?use\s+(.+)$/i;
