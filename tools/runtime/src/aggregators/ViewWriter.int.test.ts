import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestStores } from '../testing/useTestStores.ts';
import { walletViewFixture } from '../testing/walletViewFixture.ts';
import type { Recorded } from '../messages/messages.ts';
import { MongoClient } from 'mongodb';
import { formatPosition } from '../messages/LogPosition.ts';
import { DEAD_LETTERS } from './DeadLetters.ts';
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

  it('skips a poison write inside a merged run as a dead letter, at the same event as unmerged writes would, and goes on', async () => {
    const cat = `u${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const def = { ...walletViewFixture(cat), collections: { [`${cat}_wallets`]: { indexes: [{ keys: { currency: 1 as const }, unique: true }] } } };
    const writer = new ViewWriter(db(), def, `${cat}View`);
    await writer.ensureIndexes();
    const a = randomUUID();
    const b = randomUUID();
    await writer.apply([deposit(b, 10, 1, 'EUR')], { commit: 10n, prepare: 10n });
    // a's second deposit takes b's currency: the first applies, the second violates the unique index
    // (merged, the run would end on GBP and pass: a collection with a unique index is never merged).
    const applied = await writer.apply([deposit(a, 20, 1, 'USD'), deposit(a, 30, 2, 'EUR'), deposit(a, 40, 3, 'GBP')], { commit: 40n, prepare: 40n });
    expect(applied.deadLetters).toBe(1);
    expect(
      await db()
        .collection(`${cat}_wallets`)
        .findOne({ _id: a as never }),
    ).toMatchObject({ balance: 3, currency: 'GBP', deposits: 2 });
    const letters = await db().collection(DEAD_LETTERS).find({ aggregator: def.name }).toArray();
    expect(letters).toEqual([
      expect.objectContaining({ position: formatPosition({ commit: 30n, prepare: 30n }), type: 'FundsDeposited', stream: `w-${a}`, writer: `${cat}View` }),
    ]);
    expect(letters[0]?.error).toMatch(/E11000 duplicate key/);
    expect(await writer.readCheckpoint()).toEqual({ commit: 40n, prepare: 40n });
  });

  it('records a throwing handler and a value BSON cannot hold as dead letters, and still stops when the database is gone', async () => {
    const cat = `p${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const base = walletViewFixture(cat);
    const def = {
      ...base,
      handlers: {
        FundsDeposited: (event: Recorded<'FundsDeposited'>) => {
          if (event.data.balance === 2) throw new TypeError('cannot read that balance');
          if (event.data.balance === 3) return { collection: `${cat}_wallets`, id: event.data.walletId, update: { $set: { 'bad\u0000key': 1 } } };
          return base.handlers.FundsDeposited?.(event as never);
        },
      },
    } as typeof base;
    const writer = new ViewWriter(db(), def, `${cat}View`);
    const a = randomUUID();
    const applied = await writer.apply([deposit(a, 10, 1), deposit(a, 20, 2), deposit(a, 30, 3), deposit(a, 40, 4)], { commit: 40n, prepare: 40n });
    expect(applied.deadLetters).toBe(2);
    expect(
      await db()
        .collection(`${cat}_wallets`)
        .findOne({ _id: a as never }),
    ).toMatchObject({ balance: 4, deposits: 2 });
    const errors = (await db().collection(DEAD_LETTERS).find({ aggregator: def.name }).sort({ position: 1 }).toArray()).map((l) => l.error as string);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe('TypeError: cannot read that balance');
    expect(errors[1]).toMatch(/^BSONError: .*null bytes/);

    const client = new MongoClient(stores.urls().mongo as string);
    await client.connect();
    const gone = new ViewWriter(client.db(db().databaseName), def, `${cat}View`);
    await client.close();
    await expect(gone.apply([deposit(a, 50, 5)], { commit: 50n, prepare: 50n })).rejects.toThrow();
    expect(await db().collection(DEAD_LETTERS).countDocuments({ aggregator: def.name })).toBe(2);
  });
});
