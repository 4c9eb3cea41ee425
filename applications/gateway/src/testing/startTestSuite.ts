import { randomUUID } from 'node:crypto';
import { startDevMongo } from '@causeway/devmongo';
import { startDevStore } from '@causeway/devstore';
import { MessageStore, runAggregator, runComponent, runPolicy, runSaga, type Recorded } from '@causeway/runtime';
import { loadSuite, type Suite } from '@causeway/suite';
import { webPlugin } from '@causeway/web';
import { MongoClient, type Db } from 'mongodb';
import { createGateway, type Gateway, type GatewayOptions } from '../createGateway.ts';
import { graphqlPlugin } from '../graphql/graphqlPlugin.ts';
import { socketPlugin } from '../socket/socketPlugin.ts';

export interface TestSuite {
  readonly gateway: Gateway;
  readonly url: string;
  readonly store: MessageStore;
  readonly db: Db;
  readonly jwtSecret: string;
  /** The suite's manifest the parts were started from. */
  readonly manifest: Suite;
  /** Every message of a stream, for "nothing was written" checks. */
  read(stream: string): Promise<Recorded[]>;
  /** Stops one part (`<kind>:<name>`, e.g. `component:documents`) until `resume`, to line up commands deterministically. */
  pause(part: string): Promise<void>;
  resume(part: string): Promise<void>;
  /** Registers a fresh user through the API. */
  register(): Promise<{ userId: string; token: string; email: string }>;
  stop(): Promise<void>;
}

/**
 * The whole suite in one process for end-to-end tests: embedded stores, every
 * component, saga, policy and aggregator of the suite's manifest, and the
 * gateway on a free port, spoken to over real HTTP.
 */
export interface TestSuiteOptions extends Partial<GatewayOptions> {
  /** The workspace whose parts run (default: the one around the working directory). */
  readonly root?: string;
}

export async function startTestSuite({ root, ...options }: TestSuiteOptions = {}): Promise<TestSuite> {
  const devstore = await startDevStore({ port: 0 });
  const devmongo = await startDevMongo({ port: 0 });
  const store = MessageStore.connect(devstore.url);
  const mongo = await new MongoClient(devmongo.url).connect();
  const db = mongo.db(`e2e_${randomUUID().slice(0, 8)}`);
  const manifest = await loadSuite(root);
  const starters = new Map<string, () => Promise<{ stop(): Promise<void> }>>([
    ...manifest.components.map((c) => [`component:${c.name}`, () => runComponent(c, { store })] as const),
    ...manifest.sagas.map((s) => [`saga:${s.name}`, () => runSaga(s, { store })] as const),
    ...manifest.policies.map((p) => [`policy:${p.name}`, () => runPolicy(p, { store })] as const),
    ...manifest.aggregators.map((a) => [`aggregator:${a.name}`, () => runAggregator(a, { store, db })] as const),
  ]);
  const running = new Map<string, { stop(): Promise<void> }>();
  for (const [name, start] of starters) running.set(name, await start());
  const jwtSecret = randomUUID() + randomUUID();
  // A generous registration wait: a loaded CI machine must not turn slowness into a 202.
  const gateway = await createGateway({
    store,
    db,
    suite: manifest,
    port: 0,
    host: '127.0.0.1',
    jwtSecret,
    registerWaitMs: 30_000,
    plugins: [socketPlugin(), graphqlPlugin(), webPlugin()],
    ...options,
  });
  const url = gateway.url;

  return {
    gateway,
    url,
    store,
    db,
    jwtSecret,
    manifest,
    async read(stream) {
      const out: Recorded[] = [];
      for await (const m of store.readStream(stream)) out.push(m);
      return out;
    },
    async pause(part) {
      if (!starters.has(part)) throw new Error(`no part ${part}; parts: ${[...starters.keys()].join(', ')}`);
      await running.get(part)?.stop();
      running.delete(part);
    },
    async resume(part) {
      const start = starters.get(part);
      if (!start) throw new Error(`no part ${part}; parts: ${[...starters.keys()].join(', ')}`);
      if (!running.has(part)) running.set(part, await start());
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
