import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';
import { startDevMongo, type DevMongo } from '@causeway/devmongo';
import { startDevStore, type DevStore } from '@causeway/devstore';
import { MessageStore } from '../store/MessageStore.ts';

export interface TestStores {
  /** The message store, connected once the suite's beforeAll has run. */
  readonly store: () => MessageStore;
  /** A database of its own on MongoDB (only with `mongo: true`). */
  readonly db: () => Db;
  readonly urls: () => { readonly eventstore: string; readonly mongo?: string };
}

/**
 * Registers beforeAll/afterAll hooks that connect a test file to
 * EVENTSTORE_URL / MONGO_URL when set (a real server), or else to embedded
 * in-memory stores started for the file, and close everything afterwards.
 */
export function useTestStores(options: { mongo?: boolean } = {}): TestStores {
  let devstore: DevStore | undefined;
  let devmongo: DevMongo | undefined;
  let store: MessageStore | undefined;
  let mongo: MongoClient | undefined;
  let db: Db | undefined;
  let urls: { eventstore: string; mongo?: string } | undefined;
  beforeAll(async () => {
    const eventstore = process.env.EVENTSTORE_URL || (devstore = await startDevStore({ port: 0 })).url;
    store = MessageStore.connect(eventstore);
    urls = { eventstore };
    if (options.mongo) {
      const mongoUrl = process.env.MONGO_URL || (devmongo = await startDevMongo({ port: 0 })).url;
      mongo = await new MongoClient(mongoUrl).connect();
      db = mongo.db(`test_${randomUUID().slice(0, 8)}`);
      urls = { eventstore, mongo: mongoUrl };
    }
  });
  afterAll(async () => {
    await store?.close();
    await mongo?.close();
    await devstore?.close();
    await devmongo?.close();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not ready: use it inside tests or hooks, after beforeAll`);
    return value;
  };
  return {
    store: () => ready(store, 'the message store'),
    db: () => ready(db, options.mongo ? 'the database' : 'the database (pass { mongo: true })'),
    urls: () => ready(urls, 'the store URLs'),
  };
}
