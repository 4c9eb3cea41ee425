import { randomUUID } from 'node:crypto';
import pDefer from 'p-defer';
import { describe, expect, it } from 'vitest';
import { useTestStores } from '../testing/useTestStores.ts';
import { walletViewFixture } from '../testing/walletViewFixture.ts';
import { logger } from '../service/logger.ts';
import { comparePositions, formatPosition, type LogPosition } from '../messages/LogPosition.ts';
import type { Recorded } from '../messages/messages.ts';
import { projectIntoViews } from './projectIntoViews.ts';
import { streamNames } from '../messages/streamNames.ts';
import { ViewWriter } from './ViewWriter.ts';

const stores = useTestStores({ mongo: true });
const store = () => stores.store();
const db = () => stores.db();

/** A writer slow enough that the subscription reads ahead of it, which records what it was given. */
class SlowWriter extends ViewWriter {
  readonly calls: { events: LogPosition[]; checkpoint: LogPosition }[] = [];
  inFlight = 0;
  maxInFlight = 0;

  override async apply(events: readonly Recorded[], checkpoint: LogPosition) {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.calls.push({ events: events.map((e) => e.position), checkpoint });
    await new Promise((resolve) => setTimeout(resolve, 15));
    try {
      return await super.apply(events, checkpoint);
    } finally {
      this.inFlight -= 1;
    }
  }
}

describe('projectIntoViews', () => {
  it('writes batches one at a time in log order while reading ahead, each checkpoint covering only what is written', async () => {
    const cat = `p${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const def = walletViewFixture(cat);
    const wallets = [randomUUID(), randomUUID(), randomUUID()];
    for (let round = 0; round < 10; round += 1) {
      for (const w of wallets) {
        await store().append(
          streamNames.entity(cat, w),
          Array.from({ length: 5 }, (_, i) => ({
            type: 'FundsDeposited' as const,
            data: { walletId: w, amount: 1, currency: 'EUR', balance: round * 5 + i + 1 },
          })),
        );
      }
      // Records of another category between them: server checkpoints arrive amid the events.
      await store().append(streamNames.entity(`${cat}x`, randomUUID()), [
        { type: 'FundsDeposited', data: { walletId: randomUUID(), amount: 1, currency: 'EUR', balance: 1 } },
      ]);
    }
    const expected: LogPosition[] = [];
    for (const w of wallets) for (const m of await store().readStreamToArray(streamNames.entity(cat, w))) expected.push(m.position);
    expected.sort(comparePositions);

    const writer = new SlowWriter(db(), def, `${cat}View`);
    const applied: LogPosition[] = [];
    const { resolve: caughtUp, promise: done } = pDefer<void>();
    const projection = projectIntoViews(store(), def, writer, {
      from: undefined,
      batchSize: 7,
      flushMs: 5,
      logger,
      name: `${cat}View`,
      onApplied: (checkpoint) => applied.push(checkpoint),
      onCaughtUp: () => caughtUp(),
      onError: (error) => {
        throw error;
      },
    });
    await done;
    await projection.stop();

    expect(writer.maxInFlight).toBe(1);
    const written = writer.calls.flatMap((c) => c.events);
    expect(written).toEqual(expected);
    writer.calls.forEach((call, i) => {
      const last = call.events.at(-1);
      if (last) expect(comparePositions(call.checkpoint, last)).toBeGreaterThanOrEqual(0);
      // No event written by a later call is at or below this call's checkpoint.
      for (const later of writer.calls.slice(i + 1)) for (const e of later.events) expect(comparePositions(e, call.checkpoint)).toBeGreaterThan(0);
    });
    expect(applied.map(formatPosition)).toEqual(writer.calls.map((c) => formatPosition(c.checkpoint)));
    const docs = await db().collection(`${cat}_wallets`).find({}).toArray();
    expect(docs.map((d) => [d.deposits, d.balance])).toEqual(wallets.map(() => [50, 50]));
  });
});
