import { BoundedMap } from './bounded-map.js';

const MINUTE = 60_000;

/**
 * Questions per conversation per minute, counted in a sliding minute. In memory and per instance: a limit
 * against a runaway client or a stuck loop, not a quota, so being per instance is enough.
 */
export class RateLimiter {
  private readonly recent: BoundedMap<string, number[]>;

  constructor(
    private readonly perMinute: number,
    memory: number,
    private readonly now: () => number = Date.now,
  ) {
    this.recent = new BoundedMap(memory);
  }

  /** Records one question for `key`; false when the key has already asked `perMinute` in the last minute. */
  allow(key: string): boolean {
    const t = this.now();
    const times = (this.recent.get(key) ?? []).filter((at) => t - at < MINUTE);
    if (times.length >= this.perMinute) {
      this.recent.set(key, times);
      return false;
    }
    times.push(t);
    this.recent.set(key, times);
    return true;
  }
}
