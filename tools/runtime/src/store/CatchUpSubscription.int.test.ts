import { randomUUID } from 'node:crypto';
import pDefer from 'p-defer';
import { describe, expect, it } from 'vitest';
import { useTestStores } from '../testing/useTestStores.ts';
import { comparePositions, type LogPosition } from '../messages/LogPosition.ts';
import { streamNames } from '../messages/streamNames.ts';

const stores = useTestStores();
const store = () => stores.store();

describe('CatchUpSubscription checkpoints', () => {
  it('passes a server checkpoint on only after every record before it is handled, however far the client decoded ahead', async () => {
    const category = `cp${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const walletId = randomUUID();
    const deposit = (n: number) => ({ type: 'FundsDeposited' as const, data: { walletId, amount: n, currency: 'EUR', balance: n } });
    await store().append(streamNames.entity(category, walletId), [1, 2, 3, 4, 5].map(deposit));
    const records = (await store().readStreamToArray(streamNames.entity(category, walletId))).map((m) => m.position);
    // Unrelated records after them, so the filtered subscription gets a checkpoint past the last one.
    await store().append(streamNames.entity(`${category}x`, randomUUID()), [deposit(6)]);

    const handled: LogPosition[] = [];
    const violations: string[] = [];
    const checkpoints: LogPosition[] = [];
    const { resolve: release, promise: blocked } = pDefer<void>();
    const sub = store().subscribe({
      filter: { streamPrefixes: [`${category}-`] },
      handle: async (message) => {
        // The first message is slow: meanwhile the client decodes the rest and the checkpoint.
        if (handled.length === 0) await blocked;
        handled.push(message.position);
      },
      onCheckpoint: (position) => {
        checkpoints.push(position);
        const before = records.filter((r) => comparePositions(r, position) <= 0).length;
        if (handled.length < before) violations.push(`checkpoint ${position.commit} with ${handled.length} of the ${before} records before it handled`);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await expect.poll(() => checkpoints.length).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    expect(handled).toHaveLength(5);
    expect(comparePositions(checkpoints.at(-1) as LogPosition, handled.at(-1) as LogPosition)).toBeGreaterThan(0);
    await sub.stop();
  });
});
