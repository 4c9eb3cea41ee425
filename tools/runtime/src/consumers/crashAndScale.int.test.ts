import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevMongo, type DevMongo } from '@causeway/devmongo';
import { startDevStore, type DevStore } from '@causeway/devstore';
import { killRuntimeChildren, spawnRuntimeChild } from '../testing/spawnChild.ts';
import { walletViewFixture } from '../testing/walletViewFixture.ts';
import { formatPosition } from '../messages/LogPosition.ts';
import { MessageStore } from '../store/MessageStore.ts';
import type { Recorded } from '../messages/messages.ts';
import { runAggregator } from '../aggregators/runAggregator.ts';
import { streamNames } from '../messages/streamNames.ts';
import { CHECKPOINTS } from '../aggregators/ViewWriter.ts';

// The stores live in this process, so they survive the children's SIGKILL.
let devstore: DevStore;
let devmongo: DevMongo;
let store: MessageStore;
let mongo: MongoClient;
let db: Db;
beforeAll(async () => {
  devstore = await startDevStore({ port: 0 });
  devmongo = await startDevMongo({ port: 0 });
  store = MessageStore.connect(devstore.url);
  mongo = await new MongoClient(devmongo.url).connect();
  db = mongo.db('crash');
});
afterAll(async () => {
  killRuntimeChildren();
  await store.close();
  await mongo.close();
  await devstore.close();
  await devmongo.close();
});

const category = (p: string) => `${p}${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const readStream = async (stream: string) => {
  const out: Recorded[] = [];
  for await (const m of store.readStream(stream)) out.push(m);
  return out;
};
/** Writes `perEntity` deposits of 1, 2, 3… to each entity's command stream; returns command ids per entity in order. */
async function seedCommands(cat: string, entities: number, perEntity: number) {
  const ids = Array.from({ length: entities }, () => randomUUID());
  const commands = new Map<string, string[]>();
  for (let round = 0; round < perEntity; round += 1) {
    for (const id of ids) {
      const commandId = randomUUID();
      commands.set(id, [...(commands.get(id) ?? []), commandId]);
      await store.append(streamNames.command(cat, id), [{ id: commandId, type: 'DepositFunds', data: { walletId: id, amount: round + 1, currency: 'EUR' } }]);
    }
  }
  return commands;
}
async function handledCount(cat: string, commands: Map<string, string[]>) {
  let n = 0;
  for (const id of commands.keys()) n += (await readStream(streamNames.entity(cat, id))).length;
  return n;
}
async function expectExactlyOnceInOrder(cat: string, commands: Map<string, string[]>) {
  for (const [id, expected] of commands) {
    const events = await readStream(streamNames.entity(cat, id));
    expect(events.map((e) => e.metadata.causationId)).toEqual(expected);
    expect(events.map((e) => (e.data as { amount: number }).amount)).toEqual(expected.map((_c, i) => i + 1));
    expect((events.at(-1)?.data as { balance: number }).balance).toBe((expected.length * (expected.length + 1)) / 2);
  }
}

// Several processes share two cores here: generous limits, no timing assertions.
describe('crash and scale-out, across processes', { timeout: 300_000 }, () => {
  it('a component killed with SIGKILL mid-batch and restarted loses no command and duplicates no event', async () => {
    const cat = category('crash');
    const commands = await seedCommands(cat, 40, 25);
    const total = 40 * 25;
    const config = { kind: 'component', eventstore: devstore.url, category: cat, name: `${cat}C` };
    const first = await spawnRuntimeChild(config);
    await expect.poll(() => handledCount(cat, commands), { timeout: 30_000, interval: 20 }).toBeGreaterThan(total / 5);
    first.process.kill('SIGKILL');
    await new Promise((r) => first.process.once('exit', r));
    expect(await handledCount(cat, commands)).toBeLessThan(total);

    const second = await spawnRuntimeChild(config);
    await expect.poll(() => second.output().includes('caught-up'), { timeout: 60_000 }).toBe(true);
    second.process.kill('SIGTERM');
    await new Promise((r) => second.process.once('exit', r));
    expect(await handledCount(cat, commands)).toBe(total);
    await expectExactlyOnceInOrder(cat, commands);
  });

  it('a consumer group of 3 processes handles every command once, per-entity order kept', async () => {
    const cat = category('group');
    const commands = await seedCommands(cat, 60, 10);
    const members = await Promise.all(
      [0, 1, 2].map((member) => spawnRuntimeChild({ kind: 'component', eventstore: devstore.url, category: cat, name: `${cat}C`, group: { size: 3, member } })),
    );
    await expect.poll(() => members.every((m) => m.output().includes('caught-up')), { timeout: 60_000 }).toBe(true);
    for (const m of members) m.process.kill('SIGTERM');
    await Promise.all(members.map((m) => new Promise((r) => m.process.once('exit', r))));
    await expectExactlyOnceInOrder(cat, commands);
    // Each member did part of the work and stored its own position.
    for (const member of [0, 1, 2]) {
      expect((await store.readLast(streamNames.checkpoint(`${cat}C${member}of3`)))?.type).toBe('CheckpointRecorded');
    }
  });

  it('an aggregator killed mid-batch and restarted converges to the documents of an uninterrupted run', async () => {
    const cat = category('agg');
    const wallets = Array.from({ length: 100 }, () => randomUUID());
    for (let round = 1; round <= 20; round += 1) {
      for (const id of wallets) {
        await store.append(streamNames.entity(cat, id), [
          { type: 'FundsDeposited', data: { walletId: id, amount: round, currency: 'EUR', balance: (round * (round + 1)) / 2 } },
        ]);
      }
    }
    const name = `${cat}Crashy`;
    const config = { kind: 'aggregator', eventstore: devstore.url, mongo: devmongo.url, db: 'crash', category: cat, name, batchSize: 40 };
    const first = await spawnRuntimeChild(config);
    await expect.poll(async () => (await db.collection(CHECKPOINTS).findOne({ _id: name as never })) !== null, { timeout: 30_000, interval: 10 }).toBe(true);
    first.process.kill('SIGKILL');
    await new Promise((r) => first.process.once('exit', r));
    // It really died part-way: its checkpoint is behind the last event.
    const atKill = (await db.collection(CHECKPOINTS).findOne({ _id: name as never }))?.position as string;
    expect(atKill < formatPosition(await store.headPosition())).toBe(true);
    const second = await spawnRuntimeChild(config);
    await expect.poll(() => second.output().includes('caught-up'), { timeout: 60_000 }).toBe(true);
    second.process.kill('SIGTERM');
    await new Promise((r) => second.process.once('exit', r));

    const reference = walletViewFixture(cat, `${cat}Ref`);
    const refDb = mongo.db('crashRef');
    const uninterrupted = await runAggregator(reference, { store, db: refDb });
    await uninterrupted.caughtUp;
    await uninterrupted.stop();
    const strip = (docs: Record<string, unknown>[]) => docs.map(({ _position: _p, ...rest }) => rest);
    const crashed = strip(await db.collection(`${cat}_wallets`).find().sort({ _id: 1 }).toArray());
    const clean = strip(await refDb.collection(`${cat}_wallets`).find().sort({ _id: 1 }).toArray());
    expect(crashed).toHaveLength(100);
    expect(crashed).toEqual(clean);
    expect(crashed.every((d) => d.deposits === 20 && d.balance === 210)).toBe(true);
  });
});
