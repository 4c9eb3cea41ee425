/** setTimeout's limit (about 24.8 days): a longer delay would overflow and fire at once. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * One timer per key that fires when a wall-clock instant has passed. Long
 * waits are chained below setTimeout's limit, and every wake-up re-checks
 * the clock (timers may fire a little early), so `fire` never runs before
 * its instant. Timers are unref'd: they never keep a process alive alone.
 */
export class DueTimers {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Calls `fire` once `at` (ms since the epoch) has passed, at once if it has; replaces the key's timer. */
  set(key: string, at: number, fire: () => void): void {
    this.cancel(key);
    const wait = at - this.now();
    if (!(wait > 0)) {
      fire();
      return;
    }
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        this.set(key, at, fire);
      },
      Math.min(wait, MAX_DELAY),
    );
    timer.unref?.();
    this.timers.set(key, timer);
  }

  cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  get size(): number {
    return this.timers.size;
  }
}
