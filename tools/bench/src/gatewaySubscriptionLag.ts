import { logger, streamNames, type CatchUpSubscription, type MessageStore } from '@causeway/runtime';
import { median, p99 } from './gatewayStats.ts';
import { nowMs } from './gatewayTracker.ts';

// The categories a bid's chain writes to; the gateway's follower and the saga subscribe to (a superset of) these.
const CATEGORIES = ['bidding', 'wallet', 'auction'];

/**
 * A bare catch-up subscription in the benchmark process with a filter like the
 * gateway's: how late the store delivers a message (arrival minus the store's
 * `created`) when the subscriber does nothing with it. Compared with the
 * gateway's ENQUEUED delay and the saga's pick-up, it tells delivery from
 * processing.
 */
export class SubscriptionLag {
  private readonly samples: { at: number; lag: number }[] = [];
  private subscription: CatchUpSubscription | undefined;

  constructor(private readonly store: MessageStore) {}

  start(): void {
    this.subscription = this.store.subscribe({
      name: 'bench-subscription-lag',
      from: 'end',
      filter: { streamPrefixes: CATEGORIES.flatMap((c) => [streamNames.entityCategory(c), streamNames.commandCategory(c)]) },
      logger: logger.child({ bench: 'gateway' }),
      handle: (message) => {
        const at = nowMs();
        if (this.samples.length < 1_000_000) this.samples.push({ at, lag: at - message.created.getTime() });
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }

  between(from: number, to: number): { median: number; p99: number; perSecond: number } {
    const lags = this.samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.lag);
    return { median: median(lags), p99: p99(lags), perSecond: (lags.length * 1000) / Math.max(1, to - from) };
  }
}
