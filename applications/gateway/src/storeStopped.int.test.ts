import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startDevMongo } from '@causeway/devmongo';
import { startDevStore } from '@causeway/devstore';
import { MessageStore } from '@causeway/runtime';
import { loadSuite } from '@causeway/suite';
import { createGateway, type Gateway } from './createGateway.ts';
import { graphqlPlugin } from './graphql/graphqlPlugin.ts';

const jwtSecret = 'y'.repeat(64);
const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
});

/** The embedded stores and a gateway on them, with a user in the users view (no components run here). */
async function running(): Promise<{
  gateway: Gateway;
  userId: string;
  token: string;
  stopStore(): Promise<void>;
  stopMongo(): Promise<void>;
}> {
  const devstore = await startDevStore({ port: 0 });
  const devmongo = await startDevMongo({ port: 0 });
  // A short server selection, so that a stopped MongoDB fails the request in the test's time, not after the driver's 30 s.
  const mongo = await new MongoClient(devmongo.url, { serverSelectionTimeoutMS: 300 }).connect();
  const store = MessageStore.connect(devstore.url);
  const db = mongo.db(`stopped_${randomUUID().slice(0, 8)}`);
  const userId = randomUUID();
  await db.collection<{ _id: string }>('users').insertOne({ _id: userId });
  const gateway = await createGateway({
    store,
    db,
    suite: await loadSuite(),
    port: 0,
    host: '127.0.0.1',
    jwtSecret,
    plugins: [graphqlPlugin()],
    logger: pino({ level: 'silent' }),
  });
  stops.push(
    () => devstore.close(),
    () => devmongo.close(),
    () => mongo.close(),
    () => store.close(),
    () => gateway.close(),
  );
  const token = await gateway.context.tokens.issue(userId);
  return { gateway, userId, token, stopStore: () => devstore.close(), stopMongo: () => devmongo.close() };
}

async function post(gateway: Gateway, path: string, token: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
}

describe('an embedded store stopped under a running gateway', () => {
  it('EventStoreDB: a command is 503 UNAVAILABLE with Retry-After, not 500 INTERNAL', async () => {
    const { gateway, userId, token, stopStore } = await running();
    const deposit = { walletId: userId, amount: 100, currency: 'EUR' };
    expect((await post(gateway, '/commands/DepositFunds', token, deposit)).status).toBe(202);
    await stopStore();
    const refused = await post(gateway, '/commands/DepositFunds', token, deposit);
    expect(refused).toMatchObject({ status: 503, retryAfter: '1', body: { status: 503, code: 'UNAVAILABLE' } });
  });

  it('MongoDB: a keyed command, a command status and a GraphQL query are 503 UNAVAILABLE with Retry-After', async () => {
    const { gateway, userId, token, stopMongo } = await running();
    const accepted = await post(gateway, '/commands/DepositFunds', token, { walletId: userId, amount: 100, currency: 'EUR' });
    expect(accepted.status).toBe(202);
    await stopMongo();
    const keyed = await post(gateway, '/commands/DepositFunds', token, { walletId: userId, amount: 5, currency: 'EUR' }, { 'idempotency-key': randomUUID() });
    expect(keyed).toMatchObject({ status: 503, retryAfter: '1', body: { code: 'UNAVAILABLE' } });
    const status = await fetch(`${gateway.url}/commands/${String(accepted.body.commandId)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(status.status).toBe(503);
    expect(status.headers.get('retry-after')).toBe('1');
    expect(await status.json()).toMatchObject({ code: 'UNAVAILABLE' });
    const query = await post(gateway, '/graphql', token, { query: '{ auctions(first: 1) { edges { cursor } } }' });
    expect(query.status).toBe(503);
    expect(query.retryAfter).toBe('1');
    expect(query.body).toMatchObject({ errors: [{ extensions: { code: 'UNAVAILABLE' } }] });
  });
});
