import path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { CausewayError } from '@causeway/errors';
import { MessageStore } from '@causeway/runtime';
import { findWorkspaceRoot } from '@causeway/suite';
import { readSuiteFile } from './suiteFile.ts';

/** The suite `npm start` runs from this workspace, if one is running: its stores may be on any port. */
function runningSuite() {
  try {
    return readSuiteFile(path.join(findWorkspaceRoot(), '.causeway'));
  } catch {
    // Outside a workspace: only the environment and the defaults.
    return undefined;
  }
}

/** The event store: EVENTSTORE_URL, else the running suite's, else the default port `npm start` uses. */
export const eventstoreUrl = () =>
  process.env.EVENTSTORE_URL || runningSuite()?.eventstoreUrl || `esdb://127.0.0.1:${process.env.DEVSTORE_PORT ?? 2113}?tls=false`;
/** MongoDB: MONGO_URL, else the running suite's, else the default port `npm start` uses. */
export const mongoUrl = () => process.env.MONGO_URL || runningSuite()?.mongoUrl || `mongodb://127.0.0.1:${process.env.DEVMONGO_PORT ?? 27017}`;
export const mongoDbName = () => process.env.MONGO_DB ?? 'causeway';

export function openStore(): MessageStore {
  return MessageStore.connect(eventstoreUrl());
}

export async function openDb(): Promise<{ db: Db; close: () => Promise<void> }> {
  const url = mongoUrl();
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new CausewayError(
      'UNAVAILABLE',
      `MongoDB at ${url} does not answer (${(error as Error).message}); start the suite (npm start) or set MONGO_URL`,
      {},
      { cause: error },
    );
  }
  return { db: client.db(mongoDbName()), close: () => client.close() };
}
