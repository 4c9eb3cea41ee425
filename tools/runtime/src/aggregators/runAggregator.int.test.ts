import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useTestStores } from '../testing/useTestStores.ts';
import { walletViewFixture } from '../testing/walletViewFixture.ts';
import { runAggregator } from './runAggregator.ts';
import { streamNames } from '../messages/streamNames.ts';
import { CHECKPOINTS } from './ViewWriter.ts';
import { DEAD_LETTERS } from './DeadLetters.ts';
import { formatPosition } from '../messages/LogPosition.ts';

const stores = useTestStores({ mongo: true });
const store = () => stores.store();
const db = () => stores.db();

const category = () => `v${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const deposited = (walletId: string, amount: number, balance: number) => ({
  type: 'FundsDeposited' as const,
  data: { walletId, amount, currency: 'EUR', balance },
});
const reserved = (walletId: string, amount: number) => ({
  type: 'FundsReserved' as const,
  data: { walletId, reservationId: randomUUID(), amount, currency: 'EUR', available: 0 },
});
const docs = async (cat: string) =>
  (
    await db()
      .collection(`${cat}_wallets`)
      .find({}, { projection: { _position: 0 } })
      .sort({ _id: 1 })
      .toArray()
  ).map((d) => ({ ...d, reservations: (d.reservations as string[] | undefined)?.length }));

describe('runAggregator', () => {
  it('projects history, catches up, follows live events, and waitFor sees them', async () => {
    const cat = category();
    const a = randomUUID();
    const b = randomUUID();
    await store().append(streamNames.entity(cat, a), [deposited(a, 10, 10), deposited(a, 5, 15), reserved(a, 7)]);
    await store().append(streamNames.entity(cat, b), [deposited(b, 1, 1)]);
    const running = await runAggregator(walletViewFixture(cat), { store: store(), db: db() });
    await running.caughtUp;
    expect(await docs(cat)).toEqual(
      [
        { _id: a, balance: 15, currency: 'EUR', deposits: 2, reserved: 7, reservations: 1 },
        { _id: b, balance: 1, currency: 'EUR', deposits: 1, reservations: undefined },
      ].sort((x, y) => (x._id < y._id ? -1 : 1)),
    );
    const live = await store().append(streamNames.entity(cat, b), [deposited(b, 2, 3)]);
    expect(await running.waitFor(live.position!, 5_000)).toBe(true);
    expect(
      await db()
        .collection(`${cat}_wallets`)
        .findOne({ _id: b as never }),
    ).toMatchObject({ balance: 3, deposits: 2 });
    const checkpoint = await db()
      .collection(CHECKPOINTS)
      .findOne({ _id: `${cat}View` as never });
    expect(checkpoint?.position).toMatch(/^\d{20}\/\d{20}$/);
    await running.stop();
  });

  it('replaying the same events twice gives the same documents (stale updates skipped)', async () => {
    const cat = category();
    const a = randomUUID();
    await store().append(streamNames.entity(cat, a), [deposited(a, 10, 10), reserved(a, 3), deposited(a, 10, 20), reserved(a, 4)]);
    const def = walletViewFixture(cat);
    const first = await runAggregator(def, { store: store(), db: db(), batchSize: 2 });
    await first.caughtUp;
    await first.stop();
    const once = await docs(cat);
    // Forget the checkpoint: every event is delivered and written again.
    await db()
      .collection(CHECKPOINTS)
      .deleteOne({ _id: def.name as never });
    const again = await runAggregator(def, { store: store(), db: db(), batchSize: 3 });
    await again.caughtUp;
    await again.stop();
    expect(await docs(cat)).toEqual(once);
    expect(once).toEqual([{ _id: a, balance: 20, currency: 'EUR', deposits: 2, reserved: 7, reservations: 2 }]);
  });

  it('stores progress over records it ignores only now and then, yet waitFor still passes them', async () => {
    const cat = category();
    const mongo = await new MongoClient(stores.urls().mongo ?? '', { monitorCommands: true }).connect();
    let checkpointWrites = 0;
    mongo.on('commandStarted', (event) => {
      if (event.commandName === 'update' && (event.command as { update?: string }).update === CHECKPOINTS) checkpointWrites += 1;
    });
    const running = await runAggregator(walletViewFixture(cat), { store: store(), db: mongo.db(db().databaseName), idleCheckpointMs: 300 });
    await running.caughtUp;
    const writesBefore = checkpointWrites;
    let last;
    // Thirty commits of records the aggregator does not follow, 20 ms apart: with a
    // checkpoint write per commit (the old behaviour) that is about thirty writes.
    for (let i = 0; i < 30; i += 1) {
      last = await store().append(streamNames.entity(`${cat}other`, randomUUID()), [deposited(randomUUID(), 1, 1)]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await running.waitFor(last!.position!, 5_000)).toBe(true);
    // About 0.7 s of commits in 300 ms windows: a few checkpoint writes, not one per commit.
    expect(checkpointWrites - writesBefore).toBeGreaterThan(0);
    expect(checkpointWrites - writesBefore).toBeLessThan(10);
    await running.stop();
    await mongo.close();
  });

  it('waitFor says false when the position is not reached in time', async () => {
    const cat = category();
    const running = await runAggregator(walletViewFixture(cat), { store: store(), db: db() });
    await running.caughtUp;
    const head = await store().headPosition();
    expect(await running.waitFor({ commit: head.commit + 1_000_000n, prepare: head.prepare + 1_000_000n }, 50)).toBe(false);
    await running.stop();
  });

  it('records an event whose write fails for that document as a dead letter, skips it and goes on', async () => {
    const cat = category();
    const def = {
      ...walletViewFixture(cat),
      collections: { [`${cat}_wallets`]: { indexes: [{ keys: { currency: 1 as const }, unique: true }] } },
    };
    const a = randomUUID();
    const b = randomUUID();
    await store().append(streamNames.entity(cat, a), [deposited(a, 1, 1)]);
    const poison = await store().append(streamNames.entity(cat, b), [deposited(b, 1, 1)]);
    const running = await runAggregator(def, { store: store(), db: db() });
    await running.caughtUp;
    expect(await db().collection(`${cat}_wallets`).countDocuments()).toBe(1);
    const letters = await db().collection(DEAD_LETTERS).find({ aggregator: def.name }).toArray();
    expect(letters).toEqual([expect.objectContaining({ stream: streamNames.entity(cat, b), position: formatPosition(poison.position!) })]);
    // It keeps going: a later event of another wallet is applied.
    const c = randomUUID();
    const later = await store().append(streamNames.entity(cat, c), [
      { type: 'FundsDeposited' as const, data: { walletId: c, amount: 5, currency: 'USD', balance: 5 } },
    ]);
    expect(await running.waitFor(later.position!, 5_000)).toBe(true);
    expect(
      await db()
        .collection(`${cat}_wallets`)
        .findOne({ _id: c as never }),
    ).toMatchObject({ balance: 5 });
    await running.stop();
  });
});
