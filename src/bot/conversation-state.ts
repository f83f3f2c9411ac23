import type { Logger } from 'pino';
import type { BotStore, ConversationSettings } from '../store/store.js';
import { BoundedMap } from './bounded-map.js';
import { readInTime } from './store-read.js';

const MEMORY = 10_000;
/** Settings read from the store are reused this long: another instance's change shows within it. */
const FRESH_MS = 2000;

/**
 * Per-conversation settings (council choice, welcomed) kept in the store, so every instance behind a load
 * balancer sees them. Reads are bounded: with the store slow or down, a turn goes on with the last settings
 * seen here, or none, rather than wait.
 */
export class ConversationState {
  private readonly seen = new BoundedMap<string, { value: ConversationSettings; at: number }>(MEMORY);

  constructor(
    private readonly store: BotStore,
    private readonly logger: Logger,
  ) {}

  async get(conversationId: string): Promise<ConversationSettings> {
    const known = this.seen.get(conversationId);
    if (known && Date.now() - known.at < FRESH_MS) return known.value;
    const value = await readInTime(this.store, this.logger, 'settings-unread', () => this.store.settings(conversationId));
    if (!value) return known?.value ?? { welcomed: false };
    this.seen.set(conversationId, { value, at: Date.now() });
    return value;
  }

  setCouncil(conversationId: string, council: string): void {
    this.store.setCouncil(conversationId, council);
    this.remember(conversationId, { council });
  }

  markWelcomed(conversationId: string): void {
    this.store.markWelcomed(conversationId);
    this.remember(conversationId, { welcomed: true });
  }

  private remember(conversationId: string, change: Partial<ConversationSettings>): void {
    const value = { welcomed: false, ...this.seen.get(conversationId)?.value, ...change };
    this.seen.set(conversationId, { value, at: Date.now() });
  }
}
