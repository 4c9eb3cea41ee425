import { setTimeout as sleep } from 'node:timers/promises';
import { formatPosition, parsePosition } from '@causeway/runtime';
import type { GatewayContext } from '../GatewayContext.ts';
import { GraphQLError } from 'graphql';

/** The checkpoints collection the runtime's aggregators write (`{_id: name, position}`). */
const CHECKPOINTS = 'causeway_checkpoints';
const POLL_MS = 10;

/** What the answer's `extensions.freshness` says when a query carried `minPosition`. */
export interface FreshnessReport {
  readonly minPosition: string;
  readonly stale: boolean;
  readonly waitedMs: number;
  /** The checkpoint of every aggregator read, `null` if it never ran. */
  readonly checkpoints: Record<string, string | null>;
}

/**
 * Read-your-writes for one request. The gateway does not run the aggregators,
 * so it polls their checkpoints in MongoDB; a shared deadline bounds the whole
 * request however many views it reads. Each aggregator is awaited once per
 * request (memoised) so nested resolvers add no extra waits.
 */
export class Freshness {
  private target: string | undefined;
  private readonly started = Date.now();
  private readonly waits = new Map<string, Promise<string | null>>();
  private readonly seen: Record<string, string | null> = {};
  private stale = false;
  private finishedAt = this.started;

  constructor(
    private readonly db: GatewayContext['db'],
    private readonly maxWaitMs: number,
  ) {}

  /** Sets the position to wait for (every root field may carry it; they must agree). */
  require(minPosition: string | null | undefined): void {
    if (minPosition === null || minPosition === undefined) return;
    let text: string;
    try {
      text = formatPosition(parsePosition(minPosition));
    } catch {
      throw new GraphQLError(`minPosition must be <commit>/<prepare> or <commit>, got ${JSON.stringify(minPosition)}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    if (this.target !== undefined && this.target !== text) {
      throw new GraphQLError('every minPosition of one query must be the same', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    this.target = text;
  }

  /** Waits (bounded) until each aggregator's checkpoint is at or past the position; never throws on staleness. */
  async await(aggregators: readonly string[]): Promise<void> {
    const target = this.target;
    if (target === undefined) return;
    await Promise.all(
      aggregators.map((name) => {
        let wait = this.waits.get(name);
        if (!wait) {
          wait = this.poll(name, target);
          this.waits.set(name, wait);
        }
        return wait;
      }),
    );
  }

  report(): FreshnessReport | undefined {
    if (this.target === undefined || this.waits.size === 0) return undefined;
    return { minPosition: this.target, stale: this.stale, waitedMs: this.finishedAt - this.started, checkpoints: { ...this.seen } };
  }

  private async poll(name: string, target: string): Promise<string | null> {
    const checkpoints = this.db.collection<{ _id: string; position?: string }>(CHECKPOINTS);
    const deadline = this.started + this.maxWaitMs;
    for (;;) {
      const position = (await checkpoints.findOne({ _id: name }))?.position ?? null;
      // Positions are zero-padded to one width, so string order is log order.
      const passed = position !== null && position >= target;
      if (passed || Date.now() >= deadline) {
        this.seen[name] = position;
        if (!passed) this.stale = true;
        this.finishedAt = Math.max(this.finishedAt, Date.now());
        return position;
      }
      await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
    }
  }
}
