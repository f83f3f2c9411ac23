import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FOLLOW_UP_MS, FollowUpMemory } from '../src/bot/follow-up-memory.js';
import type { BotStore } from '../src/store/store.js';

// The store is away here (health 'down'): what the instance itself remembers is all there is.
const away = { health: () => 'down', lastAnswerSince: () => Promise.reject(new Error('not reached')) } as unknown as BotStore;

describe('a conversation remembering its last answer', () => {
  afterEach(() => void vi.useRealTimers());

  it('reads the next question after the last answer for 30 minutes, then on its own', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const memory = new FollowUpMemory(away, pino({ level: 'silent' }));
    memory.remember('chat', { council: 'reading', entryId: 'home-care-increase', question: 'how do I increase a home care package' });
    expect(await memory.contextFor('chat', 'reading')).toEqual({ after: 'home-care-increase', asked: 'how do I increase a home care package' });
    expect(await memory.contextFor('another chat', 'reading')).toEqual({});
    expect(await memory.contextFor('chat', 'merton')).toEqual({});
    vi.setSystemTime(Date.now() + FOLLOW_UP_MS + 1000);
    expect(await memory.contextFor('chat', 'reading')).toEqual({});
  });
});
