import { startDevStore, type DevStore } from '@causeway/devstore';
import { MessageStore } from '@causeway/runtime';
import { throughRuntime } from '@causeway/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { walletsSpecs } from './walletsSpecs.ts';

let devstore: DevStore | undefined;
let store: MessageStore;
beforeAll(async () => {
  store = MessageStore.connect(process.env.EVENTSTORE_URL ?? (devstore = await startDevStore({ port: 0 })).url);
});
afterAll(async () => {
  await store.close();
  await devstore?.close();
});

describe('wallets, through the runtime and the embedded store', () => {
  for (const [name, run] of Object.entries(walletsSpecs(throughRuntime(() => store)))) it(name, run);
});
