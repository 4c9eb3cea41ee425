import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startDevMongo, type DevMongo } from '@causeway/devmongo';
import { startDevStore, type DevStore } from '@causeway/devstore';
import { runAggregator } from '../aggregators/runAggregator.ts';
import { runComponent } from '../components/runComponent.ts';
import { streamNames } from '../messages/streamNames.ts';
import { walletFixture } from '../testing/walletFixture.ts';
import { walletViewFixture } from '../testing/walletViewFixture.ts';
import { MessageStore } from './MessageStore.ts';

const silent = pino({ level: 'silent' });
const dirs: string[] = [];
const dataDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'causeway-outage-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
const settled = (p: Promise<unknown>) => {
  const state = { rejected: undefined as unknown };
  p.catch((error: unknown) => (state.rejected = error ?? 'rejected'));
  return state;
};

describe('a store restart costs a pause, not the process', () => {
  it('an aggregator waits for MongoDB to come back and then writes what arrived meanwhile', async () => {
    const devstore = await startDevStore({ port: 0 });
    const mongoDir = await dataDir();
    let devmongo: DevMongo = await startDevMongo({ port: 0, dataDir: mongoDir });
    const port = devmongo.port;
    const store = MessageStore.connect(devstore.url);
    const mongo = await new MongoClient(devmongo.url, { serverSelectionTimeoutMS: 500 }).connect();
    const category = `v${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const wallet = randomUUID();
    const view = mongo.db('outage').collection<{ _id: string; balance: number }>(`${category}_wallets`);
    const running = await runAggregator(walletViewFixture(category), { store, db: mongo.db('outage'), logger: silent });
    const closed = settled(running.closed);
    try {
      await store.append(streamNames.entity(category, wallet), [
        { type: 'FundsDeposited', data: { walletId: wallet, amount: 1, currency: 'EUR', balance: 1 } },
      ]);
      await expect.poll(async () => (await view.findOne({ _id: wallet }))?.balance, { timeout: 10_000 }).toBe(1);
      await devmongo.close();
      const during = await store.append(streamNames.entity(category, wallet), [
        { type: 'FundsDeposited', data: { walletId: wallet, amount: 2, currency: 'EUR', balance: 3 } },
      ]);
      // Long enough for the aggregator to meet the closed server at least once.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(closed.rejected).toBeUndefined();
      devmongo = await startDevMongo({ port, dataDir: mongoDir });
      expect(await running.waitFor(during.position!, 20_000)).toBe(true);
      expect(await view.findOne({ _id: wallet })).toMatchObject({ balance: 3 });
      expect(closed.rejected).toBeUndefined();
    } finally {
      await running.stop().catch(() => undefined);
      await mongo.close();
      await store.close();
      await devmongo.close();
      await devstore.close();
    }
  });

  it('a component whose append meets a stopped EventStoreDB waits for it and handles every command once', async () => {
    const storeDir = await dataDir();
    let devstore: DevStore = await startDevStore({ port: 0, dataDir: storeDir });
    const port = devstore.port;
    const store = MessageStore.connect(devstore.url);
    const wallet = randomUUID();
    const entityStream = streamNames.entity('wallet', wallet);
    // The store stops just as the component appends its first decision, and is back a second later.
    let restarted: Promise<void> | undefined;
    const outageOnFirstAppend = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'append') {
          return async (stream: string, ...rest: unknown[]) => {
            if (stream === entityStream && !restarted) {
              await devstore.close();
              restarted = new Promise((resolve) => setTimeout(resolve, 1_000)).then(async () => {
                devstore = await startDevStore({ port, dataDir: storeDir });
              });
            }
            return (target.append as (...args: unknown[]) => unknown).call(target, stream, ...rest);
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const running = await runComponent(walletFixture, { store: outageOnFirstAppend, logger: silent });
    const closed = settled(running.closed);
    const deposit = (amount: number) =>
      store.append(streamNames.command('wallet', wallet), [{ id: randomUUID(), type: 'DepositFunds', data: { walletId: wallet, amount, currency: 'EUR' } }]);
    const balances = async () => (await store.readStreamToArray(entityStream)).map((e) => (e.data as { balance: number }).balance);
    try {
      await deposit(1);
      await expect.poll(() => restarted !== undefined, { timeout: 10_000 }).toBe(true);
      await restarted;
      await deposit(2);
      await expect.poll(balances, { timeout: 20_000 }).toEqual([1, 3]);
      expect(closed.rejected).toBeUndefined();
    } finally {
      await running.stop().catch(() => undefined);
      await store.close();
      await devstore.close();
    }
  });
});
