import type * as Mongo from 'mongodb';
import { startDevMongo, type DevMongo } from '../startDevMongo.ts';

/** The parts of a `mongodb` driver module the suite uses; drivers 6 and 7 share this surface. */
export interface DriverModule {
  readonly MongoClient: typeof Mongo.MongoClient;
  readonly MongoServerError: typeof Mongo.MongoServerError;
  readonly MongoBulkWriteError: typeof Mongo.MongoBulkWriteError;
  readonly ObjectId: typeof Mongo.ObjectId;
  /** BSON values must come from the driver's own bson major version. */
  readonly Long: typeof Mongo.Long;
}

/**
 * Test documents use numbers and strings as _id and apply $inc/$push to fields
 * of any shape on purpose (errors included), which the driver's typing forbids.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseDoc = { _id?: string | number | Mongo.ObjectId; [key: string]: any };

export interface ConformanceEnv {
  readonly driver: DriverModule;
  readonly client: Mongo.MongoClient;
  readonly db: Mongo.Db;
  /** True when the suite runs against the embedded store rather than a given server. */
  readonly embedded: boolean;
  /** A collection name no other check uses. */
  collection<T extends Mongo.Document = LooseDoc>(): Mongo.Collection<T>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * Connects the suite to `url`, or to `MONGO_URL`, or else to a fresh embedded
 * store. Each run gets its own database, dropped at the end, so the suite can
 * point at a shared real server.
 */
export async function openConformanceEnv(driver: DriverModule, label: string, url = process.env.MONGO_URL): Promise<ConformanceEnv> {
  let server: DevMongo | undefined;
  if (!url) server = await startDevMongo();
  const client = new driver.MongoClient(url ?? (server as DevMongo).url, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const dbName = `conformance_${label.replace(/\W+/g, '_')}_${process.pid}_${Date.now()}`;
  const db = client.db(dbName);
  return {
    driver,
    client,
    db,
    embedded: server !== undefined,
    collection: <T extends Mongo.Document>() => db.collection<T>(`c${++counter}`),
    async close() {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
      await server?.close();
    },
  };
}
