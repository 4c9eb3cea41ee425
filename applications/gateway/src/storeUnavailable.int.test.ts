import { MongoClient } from 'mongodb';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevMongo, type DevMongo } from '@causeway/devmongo';
import { MessageStore } from '@causeway/runtime';
import { loadSuite } from '@causeway/suite';
import { createGateway, type Gateway } from './createGateway.ts';

// Nothing listens on port 1: the event store client fails with UNAVAILABLE, as during a restart.
const UNREACHABLE = 'esdb://127.0.0.1:1?tls=false';

let devmongo: DevMongo;
let mongo: MongoClient;
let store: MessageStore;
let gateway: Gateway;
beforeAll(async () => {
  devmongo = await startDevMongo({ port: 0 });
  mongo = await new MongoClient(devmongo.url).connect();
  store = MessageStore.connect(UNREACHABLE);
  gateway = await createGateway({
    store,
    db: mongo.db('unavailable'),
    suite: await loadSuite(),
    port: 0,
    host: '127.0.0.1',
    jwtSecret: 'x'.repeat(64),
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await gateway.close();
  await store.close();
  await mongo.close();
  await devmongo.close();
});

describe('a store that is down', () => {
  it('is 503 UNAVAILABLE with Retry-After, not 500 INTERNAL', async () => {
    const response = await fetch(`${gateway.url}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'down@example.com', displayName: 'Down', password: 'correct horse battery' }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
  });
});
