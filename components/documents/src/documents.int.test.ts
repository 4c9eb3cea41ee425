import { startDevStore, type DevStore } from '@causeway/devstore';
import { MessageStore } from '@causeway/runtime';
import { throughRuntime } from '@causeway/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { documentsSpecs } from './documentsSpecs.ts';

let devstore: DevStore | undefined;
let store: MessageStore;
beforeAll(async () => {
  store = MessageStore.connect(process.env.EVENTSTORE_URL ?? (devstore = await startDevStore({ port: 0 })).url);
});
afterAll(async () => {
  await store.close();
  await devstore?.close();
});

describe('documents, through the runtime and the embedded store', () => {
  for (const [name, run] of Object.entries(documentsSpecs(throughRuntime(() => store)))) it(name, run);
});
