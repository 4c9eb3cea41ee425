import { MongoClient, type Db } from 'mongodb';
import { MessageStore } from '@causeway/runtime';

/** The stores `npm start` runs by default, unless the environment names others. */
export const eventstoreUrl = () => process.env.EVENTSTORE_URL || `esdb://127.0.0.1:${process.env.DEVSTORE_PORT ?? 2113}?tls=false`;
export const mongoUrl = () => process.env.MONGO_URL || `mongodb://127.0.0.1:${process.env.DEVMONGO_PORT ?? 27017}`;
export const mongoDbName = () => process.env.MONGO_DB ?? 'causeway';

export function openStore(): MessageStore {
  return MessageStore.connect(eventstoreUrl());
}

export async function openDb(): Promise<{ db: Db; close: () => Promise<void> }> {
  const client = await new MongoClient(mongoUrl(), { serverSelectionTimeoutMS: 5_000 }).connect();
  return { db: client.db(mongoDbName()), close: () => client.close() };
}
