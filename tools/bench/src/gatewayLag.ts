import { CHECKPOINTS, formatPosition, type MessageStore } from '@causeway/runtime';
import type { Db } from 'mongodb';
import { median, p99 } from './gatewayStats.ts';
import { nowMs } from './gatewayTracker.ts';

interface Sample {
  readonly at: number;
  readonly head: string;
  readonly checkpoints: ReadonlyMap<string, string>;
}

/**
 * Samples the log's head and every aggregator checkpoint every `everyMs`, so
 * each aggregator's lag can be told in time without the gateway in the way:
 * for a checkpoint seen at time t, the lag is t minus the first sample whose
 * head had reached that position (resolution: the sampling interval).
 */
export class LagSampler {
  private readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly store: MessageStore,
    private readonly db: Db,
    private readonly everyMs = 100,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sample(), this.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async sample(): Promise<void> {
    // One sample at a time: a slow read must not pile up reads on a loaded machine.
    if (this.busy || this.samples.length > 100_000) return;
    this.busy = true;
    try {
      const at = nowMs();
      const [head, docs] = await Promise.all([
        this.store.headPosition(),
        this.db.collection<{ _id: string; position?: string }>(CHECKPOINTS).find({}).toArray(),
      ]);
      this.samples.push({ at, head: formatPosition(head), checkpoints: new Map(docs.map((d) => [d._id, d.position ?? ''])) });
    } catch {
      // A missed sample only lowers the resolution.
    } finally {
      this.busy = false;
    }
  }

  /** Per aggregator, median and p99 lag (ms) over the samples taken between `from` and `to`. */
  lagBetween(from: number, to: number): Map<string, { median: number; p99: number }> {
    const inWindow = this.samples.filter((s) => s.at >= from && s.at <= to);
    const lags = new Map<string, number[]>();
    for (const s of inWindow) {
      for (const [name, position] of s.checkpoints) {
        if (position === '') continue;
        const reached = this.samples.find((h) => h.head >= position);
        if (!reached) continue;
        const list = lags.get(name) ?? [];
        list.push(Math.max(0, s.at - reached.at));
        lags.set(name, list);
      }
    }
    return new Map([...lags].map(([name, xs]) => [name, { median: median(xs), p99: p99(xs) }]));
  }
}
