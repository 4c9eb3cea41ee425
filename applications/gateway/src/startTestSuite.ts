import { randomUUID } from 'node:crypto';
import { auctionBoardAggregator } from '@causeway/auction-board-view';
import { auctionDetailAggregator } from '@causeway/auction-detail-view';
import { auctions } from '@causeway/auctions';
import { biddingSaga, settlementPolicy } from '@causeway/bidding';
import { commandStatusAggregator } from '@causeway/command-status-view';
import { startDevMongo } from '@causeway/devmongo';
import { startDevStore } from '@causeway/devstore';
import { documents } from '@causeway/documents';
import { documentsAggregator } from '@causeway/documents-view';
import { identity } from '@causeway/identity';
import { MessageStore, runAggregator, runComponent, runPolicy, runSaga, type Recorded } from '@causeway/runtime';
import { userDashboardAggregator } from '@causeway/user-dashboard-view';
import { usersAggregator } from '@causeway/users-view';
import { wallets } from '@causeway/wallets';
import { webPlugin } from '@causeway/web';
import { MongoClient, type Db } from 'mongodb';
import { createGateway, type Gateway, type GatewayOptions } from './createGateway.ts';
import { graphqlPlugin } from './graphql/graphqlPlugin.ts';
import { socketPlugin } from './socket/socketPlugin.ts';

export interface TestSuite {
  readonly gateway: Gateway;
  readonly url: string;
  readonly store: MessageStore;
  readonly db: Db;
  readonly jwtSecret: string;
  /** Every message of a stream, for "nothing was written" checks. */
  read(stream: string): Promise<Recorded[]>;
  /** Stops one part (e.g. `documents`) until `resume`, to line up commands deterministically. */
  pause(part: string): Promise<void>;
  resume(part: string): Promise<void>;
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
  const starters: Record<string, () => Promise<{ stop(): Promise<void> }>> = {
    identity: () => runComponent(identity, { store }),
    wallets: () => runComponent(wallets, { store }),
    documents: () => runComponent(documents, { store }),
    auctions: () => runComponent(auctions, { store }),
    bidding: () => runSaga(biddingSaga, { store }),
    settlement: () => runPolicy(settlementPolicy, { store }),
    usersView: () => runAggregator(usersAggregator, { store, db }),
    documentsView: () => runAggregator(documentsAggregator, { store, db }),
    commandStatus: () => runAggregator(commandStatusAggregator, { store, db }),
    auctionBoard: () => runAggregator(auctionBoardAggregator, { store, db }),
    auctionDetail: () => runAggregator(auctionDetailAggregator, { store, db }),
    userDashboard: () => runAggregator(userDashboardAggregator, { store, db }),
  };
  const running = new Map<string, { stop(): Promise<void> }>();
  for (const [name, start] of Object.entries(starters)) running.set(name, await start());
  const jwtSecret = randomUUID() + randomUUID();
  // A generous registration wait: a loaded CI machine must not turn slowness into a 202.
  const gateway = await createGateway({ store, db, port: 0, host: '127.0.0.1', jwtSecret, registerWaitMs: 30_000, plugins: [socketPlugin(), graphqlPlugin(), webPlugin()], ...options });
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
    async pause(part) {
      await running.get(part)?.stop();
      running.delete(part);
    },
    async resume(part) {
      const start = starters[part];
      if (start && !running.has(part)) running.set(part, await start());
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
      for (const part of [...running.values()].reverse()) await part.stop();
      await store.close();
      await mongo.close();
      await devstore.close();
      await devmongo.close();
    },
  };
}
