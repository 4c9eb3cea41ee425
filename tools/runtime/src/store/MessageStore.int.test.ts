import { useTestStores } from '../testing/useTestStores.ts';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isCausewayError } from '@causeway/errors';
import type { Recorded } from '../messages/messages.ts';

const stores = useTestStores();
const store = () => stores.store();

const deposit = (walletId: string, amount = 500) => ({ type: 'DepositFunds' as const, data: { walletId, amount, currency: 'EUR' } });

describe('MessageStore', () => {
  it('appends with the envelope and reads typed messages back', async () => {
    const walletId = randomUUID();
    const stream = `wallet:command-${walletId}`;
    const out = await store().append(stream, [deposit(walletId)], { expectedRevision: 'no_stream' });
    expect(out.nextRevision).toBe(0n);
    expect(typeof out.position?.commit).toBe('bigint');
    const read: Recorded[] = [];
    for await (const m of store().readStream(stream)) read.push(m);
    expect(read).toHaveLength(1);
    const [m] = read as [Recorded];
    expect(m.type).toBe('DepositFunds');
    expect(m.data).toEqual({ walletId, amount: 500, currency: 'EUR' });
    expect(m.metadata).toMatchObject({ correlationId: m.id, causationId: m.id, schema: 'wallets/DepositFunds@1' });
    expect(m.revision).toBe(0n);
    expect(m.position.commit).toBe(out.position?.commit);
  });

  it('refuses invalid data and writes nothing', async () => {
    const walletId = randomUUID();
    const stream = `wallet:command-${walletId}`;
    await expect(store().append(stream, [{ type: 'DepositFunds', data: { walletId, amount: -5, currency: 'EUR' } }])).rejects.toThrow(
      'data/amount must be an integer >= 1, got -5',
    );
    expect(await store().readLast(stream)).toBeUndefined();
  });

  it('reads the recent end of a stream, newest first, without the rest', async () => {
    const walletId = randomUUID();
    const stream = `wallet:command-${walletId}`;
    expect(await store().readRecent(stream, 3)).toEqual([]);
    await store().append(
      stream,
      [1, 2, 3, 4, 5].map((n) => deposit(walletId, n)),
    );
    expect((await store().readRecent(stream, 3)).map((m) => (m.data as { amount: number }).amount)).toEqual([5, 4, 3]);
    expect((await store().readRecent(stream, 10)).map((m) => m.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
    expect((await store().readLast(stream))?.revision).toBe(4n);
    expect((await store().readRecent(stream, 2, 1n)).map((m) => m.revision)).toEqual([1n, 0n]);
  });

  it('reports a wrong expected revision with the actual one', async () => {
    const walletId = randomUUID();
    const stream = `wallet:command-${walletId}`;
    await store().append(stream, [deposit(walletId)]);
    try {
      await store().append(stream, [deposit(walletId)], { expectedRevision: 'no_stream' });
      expect.unreachable();
    } catch (error) {
      expect(isCausewayError(error, 'WRONG_EXPECTED_VERSION')).toBe(true);
      if (isCausewayError(error)) expect(error.details.actual).toBe('0');
    }
  });

  it('subscribes: catches up, signals it, then goes live, filtered by stream prefix', async () => {
    const walletId = randomUUID();
    const prefix = `wallet:command-${walletId}`;
    await store().append(prefix, [deposit(walletId, 1), deposit(walletId, 2)]);
    await store().append(`auction:command-${randomUUID()}`, [{ type: 'CloseAuction', data: { auctionId: randomUUID() } }]);
    const seen: number[] = [];
    let caughtUpAfter = -1;
    const caughtUp = new Promise<void>((resolve) => {
      const sub = store().subscribe({
        filter: { streamPrefixes: [prefix] },
        handle: (m) => {
          seen.push((m.data as { amount: number }).amount);
        },
        onCaughtUp: () => {
          caughtUpAfter = seen.length;
          resolve();
        },
      });
      void sub.closed.catch(() => undefined);
    });
    await caughtUp;
    expect(caughtUpAfter).toBe(2);
    await store().append(prefix, [deposit(walletId, 3)]);
    await expect.poll(() => seen, { timeout: 5000 }).toEqual([1, 2, 3]);
  });

  it('knows the head of $all', async () => {
    const walletId = randomUUID();
    const out = await store().append(`wallet:command-${walletId}`, [deposit(walletId)]);
    const head = await store().headPosition();
    expect(head.commit >= (out.position?.commit ?? 0n)).toBe(true);
  });
});
