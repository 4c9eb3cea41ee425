import { CHECKPOINTS, type AggregatorOptions } from '@causeway/runtime';

interface Waiter {
  readonly aggregator: string;
  readonly position: string;
  readonly expires: number;
  readonly resolve: (passed: boolean) => void;
}

/**
 * Resolves when an aggregator's checkpoint (in `causeway_checkpoints`) has
 * reached a position: the aggregators run in other processes, so their
 * checkpoints are the one thing the gateway can observe. It polls, and only
 * while someone waits, which keeps it simple and bounded: one small query per
 * tick whatever the number of waiters; waiters give up after `timeoutMs`
 * (an aggregator that is not running never answers), and past `maxWaiters`
 * the oldest give up first. Positions are `formatPosition` strings, which
 * compare as strings.
 */
export class CheckpointWatcher {
  private readonly waiters = new Set<Waiter>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private closed = false;

  constructor(
    private readonly db: AggregatorOptions['db'],
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
    private readonly maxWaiters: number,
  ) {}

  /** True once `aggregator` has applied everything up to `position`; false if it did not within the timeout. */
  waitFor(aggregator: string, position: string): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.waiters.add({ aggregator, position, expires: Date.now() + this.timeoutMs, resolve });
      for (const oldest of this.waiters) {
        if (this.waiters.size <= this.maxWaiters) break;
        this.waiters.delete(oldest);
        oldest.resolve(false);
      }
      this.schedule(0);
    });
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.waiters) w.resolve(false);
    this.waiters.clear();
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.polling || this.closed || this.waiters.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, delayMs);
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      const names = [...new Set([...this.waiters].map((w) => w.aggregator))];
      const docs = await this.db
        .collection<{ _id: string; position?: string }>(CHECKPOINTS)
        .find({ _id: { $in: names } })
        .toArray();
      const reached = new Map(docs.map((d) => [d._id, d.position ?? '']));
      const now = Date.now();
      for (const w of this.waiters) {
        const at = reached.get(w.aggregator);
        if (at !== undefined && at >= w.position) {
          this.waiters.delete(w);
          w.resolve(true);
        } else if (w.expires <= now) {
          this.waiters.delete(w);
          w.resolve(false);
        }
      }
    } catch {
      // A failed read (the database restarting) is retried at the next tick; waiters still expire.
    } finally {
      this.polling = false;
    }
    this.schedule(this.intervalMs);
  }
}
