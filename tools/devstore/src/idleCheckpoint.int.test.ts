import { EventStoreDBClient, jsonEvent, streamNameFilter, END } from '@eventstore/db-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevStore, type DevStore } from './startDevStore.ts';

// A devstore choice beyond EventStoreDB's window-based checkpoints (README, "Decisions").
let store: DevStore;
let client: EventStoreDBClient;
beforeAll(async () => {
  store = await startDevStore({ port: 0 });
  client = EventStoreDBClient.connectionString(store.url);
});
afterAll(async () => {
  await client.dispose();
  await store.close();
});

/** A live `$all` subscription to `wanted-` streams, and the checkpoint positions it has been sent. */
async function liveFilteredSubscription() {
  const checkpoints: bigint[] = [];
  const subscription = client.subscribeToAll({
    fromPosition: END,
    filter: streamNameFilter({ prefixes: ['wanted-'], checkpointReached: (_s, p) => void checkpoints.push(p.commit) }),
  });
  subscription.on('data', () => undefined);
  await new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
  return { checkpoints, subscription };
}

describe('filtered live subscription', () => {
  it('gets a checkpoint past filtered-out records as soon as the log goes idle', async () => {
    const { checkpoints, subscription } = await liveFilteredSubscription();
    const written = await client.appendToStream('unwanted-1', jsonEvent({ type: 'Noise', data: { n: 1 } }));
    const position = written.position?.commit ?? 0n;
    await expect.poll(() => checkpoints.some((c) => c >= position)).toBe(true);
    await subscription.unsubscribe();
  });

  it('under a steady stream of filtered-out records, gets checkpoints at a bounded rate, the last one covering all', async () => {
    const { checkpoints, subscription } = await liveFilteredSubscription();
    const before = checkpoints.length;
    let last = 0n;
    for (let n = 0; n < 40; n += 1) {
      const written = await client.appendToStream(`unwanted-${n}`, jsonEvent({ type: 'Noise', data: { n } }));
      last = written.position?.commit ?? 0n;
    }
    await expect.poll(() => checkpoints.some((c) => c >= last)).toBe(true);
    // One per commit would be 40; at most one per 50 ms leaves a handful however fast the appends ran.
    expect(checkpoints.length - before).toBeLessThan(20);
    await subscription.unsubscribe();
  });
});
