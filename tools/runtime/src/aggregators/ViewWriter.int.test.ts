import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestStores } from '../testing/useTestStores.ts';
import { walletViewFixture } from '../testing/walletViewFixture.ts';
import type { Recorded } from '../messages/messages.ts';
import { ViewWriter } from './ViewWriter.ts';

const stores = useTestStores({ mongo: true });
const db = () => stores.db();

const deposit = (walletId: string, commit: number, balance: number, currency = 'EUR') =>
  ({
    id: randomUUID(),
    type: 'FundsDeposited',
    data: { walletId, amount: 1, currency, balance },
    metadata: { correlationId: 'c', causationId: 'c', schema: 'wallets/FundsDeposited@1' },
    streamName: `w-${walletId}`,
    revision: BigInt(commit),
    position: { commit: BigInt(commit), prepare: BigInt(commit) },
    created: new Date(0),
  }) as Recorded;

describe('ViewWriter', () => {
  it('applies a merged run exactly once even when a replay cuts batches elsewhere (document past the run start)', async () => {
    const cat = `m${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const writer = new ViewWriter(db(), walletViewFixture(cat), `${cat}View`);
    const a = randomUUID();
    const b = randomUUID();
    const events = [deposit(a, 10, 1), deposit(a, 20, 2), deposit(a, 30, 3), deposit(b, 40, 7), deposit(a, 50, 4), deposit(a, 60, 5)];
    const wallets = db().collection<{ _id: string; balance?: number; deposits?: number; _position?: string }>(`${cat}_wallets`);
    const docs = async () =>
      (await wallets.find({}).sort({ _id: 1 }).toArray()).map(({ _id, balance, deposits, _position }) => ({ _id, balance, deposits, _position }));

    // A first run stopped after two events of a...
    await writer.apply(events.slice(0, 2), events[1]!.position);
    expect(await wallets.findOne({ _id: a })).toMatchObject({ balance: 2, deposits: 2 });
    // ...and the replay's batch starts before them: the merged write falls back to its parts.
    await writer.apply(events, events[5]!.position);
    const once = await docs();
    expect(once.find((d) => d._id === a)).toMatchObject({ balance: 5, deposits: 5 });
    expect(once.find((d) => d._id === b)).toMatchObject({ balance: 7, deposits: 1 });
    // Every event again, in other cuts: nothing changes.
    await writer.apply(events.slice(0, 3), events[2]!.position);
    await writer.apply(events.slice(2), events[5]!.position);
    expect(await docs()).toEqual(once);
  });

  it('still stops on a real write error inside a merged run, at the same event as unmerged writes would', async () => {
    const cat = `u${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const def = { ...walletViewFixture(cat), collections: { [`${cat}_wallets`]: { indexes: [{ keys: { currency: 1 as const }, unique: true }] } } };
    const writer = new ViewWriter(db(), def, `${cat}View`);
    await writer.ensureIndexes();
    const a = randomUUID();
    const b = randomUUID();
    await writer.apply([deposit(b, 10, 1, 'EUR')], { commit: 10n, prepare: 10n });
    // a's second deposit takes b's currency: the first applies, the second violates the unique index
    // (merged, the run would end on GBP and pass: a collection with a unique index is never merged).
    await expect(writer.apply([deposit(a, 20, 1, 'USD'), deposit(a, 30, 2, 'EUR'), deposit(a, 40, 3, 'GBP')], { commit: 40n, prepare: 40n })).rejects.toThrow(
      /write to .* failed/,
    );
    expect(
      await db()
        .collection(`${cat}_wallets`)
        .findOne({ _id: a as never }),
    ).toMatchObject({ balance: 1, currency: 'USD', deposits: 1 });
  });
});
