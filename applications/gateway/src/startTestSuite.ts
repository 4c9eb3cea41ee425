import { randomUUID } from 'node:crypto';
import { auctions } from '@causeway/auctions';
import { biddingSaga, settlementPolicy } from '@causeway/bidding';
import { commandStatusAggregator } from '@causeway/command-status-view';
import { startDevMongo } from '@causeway/devmongo';
import { startDevStore } from '@causeway/devstore';
import { documents } from '@causeway/documents';
import { documentsAggregator } from '@causeway/documents-view';
import { identity } from '@causeway/identity';
import { MessageStore, runAggregator, runComponent, runPolicy, runSaga, type Recorded } from '@causeway/runtime';
import { usersAggregator } from '@causeway/users-view';
import { wallets } from '@causeway/wallets';
import { MongoClient, type Db } from 'mongodb';
import { createGateway, type Gateway, type GatewayOptions } from './createGateway.ts';

export interface TestSuite {
  readonly gateway: Gateway;
  readonly url: string;
  readonly store: MessageStore;
  readonly db: Db;
  readonly jwtSecret: string;
  /** Every message of a stream, for "nothing was written" checks. */
  read(stream: string): Promise<Recorded[]>;
  /** Registers a fresh user through the API. */
  register(): Promise<{ userId: string; token: string; email: string }>;
  stop(): Promise<void>;
}

/**
 * The whole suite in one process for end-to-end tests: embedded stores, the
 * components, saga, policy and aggregators the HTTP API leads to, and the
 * gateway on a free port, spoken to over real HTTP.
 */
export async function startTestSuite(options: Partial<GatewayOptions> = {}): Promise<TestSuite> {
  const devstore = await startDevStore({ port: 0 });
  const devmongo = await startDevMongo({ port: 0 });
  const store = MessageStore.connect(devstore.url);
  const mongo = await new MongoClient(devmongo.url).connect();
  const db = mongo.db(`e2e_${randomUUID().slice(0, 8)}`);
  const parts = [
    await runComponent(identity, { store }),
    await runComponent(wallets, { store }),
    await runComponent(documents, { store }),
    await runComponent(auctions, { store }),
    await runSaga(biddingSaga, { store }),
    await runPolicy(settlementPolicy, { store }),
    await runAggregator(usersAggregator, { store, db }),
    await runAggregator(documentsAggregator, { store, db }),
    await runAggregator(commandStatusAggregator, { store, db }),
  ];
  const jwtSecret = randomUUID() + randomUUID();
  const gateway = await createGateway({ store, db, port: 0, host: '127.0.0.1', jwtSecret, ...options });
  const url = gateway.url;

  return {
    gateway,
    url,
    store,
    db,
    jwtSecret,
    async read(stream) {
      const out: Recorded[] = [];
      for await (const m of store.readStream(stream)) out.push(m);
      return out;
    },
    async register() {
      const email = `user.${randomUUID()}@example.com`;
      const response = await fetch(`${url}/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, displayName: 'Test User', password: 'correct horse battery' }),
      });
      if (response.status !== 201) throw new Error(`registration failed: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as { userId: string; token: string };
      return { ...body, email };
    },
    async stop() {
      await gateway.close();
      for (const part of parts.reverse()) await part.stop();
      await store.close();
      await mongo.close();
      await devstore.close();
      await devmongo.close();
    },
  };
}
