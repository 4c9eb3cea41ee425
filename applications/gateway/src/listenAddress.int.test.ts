import type { AddressInfo } from 'node:net';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import { expect, it } from 'vitest';
import { startDevMongo } from '@causeway/devmongo';
import { MessageStore } from '@causeway/runtime';
import { loadSuite } from '@causeway/suite';
import { createGateway } from './createGateway.ts';

it('listens on loopback unless a host is given (it listened on every interface)', async () => {
  const devmongo = await startDevMongo({ port: 0 });
  const mongo = await new MongoClient(devmongo.url).connect();
  const store = MessageStore.connect('esdb://127.0.0.1:1?tls=false');
  const gateway = await createGateway({
    store,
    db: mongo.db('listen'),
    suite: await loadSuite(),
    port: 0,
    jwtSecret: 'x'.repeat(64),
    logger: pino({ level: 'silent' }),
  });
  try {
    expect((gateway.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  } finally {
    await gateway.close();
    await store.close();
    await mongo.close();
    await devmongo.close();
  }
});
