import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { streamNames } from '../messages/streamNames.ts';
import type { MessageStore } from '../store/MessageStore.ts';
import { useTestStores } from '../testing/useTestStores.ts';
import { CheckpointStream } from './CheckpointStream.ts';
import { runKeyedConsumer } from './runKeyedConsumer.ts';

const stores = useTestStores();
const deposit = () => ({ type: 'DepositFunds' as const, data: { walletId: randomUUID(), amount: 1, currency: 'EUR' } });
const silent = pino({ level: 'silent' });

/** The message store, except that the first `failures` appends to checkpoint streams fail as if the store were down. */
function failingCheckpointWrites(store: MessageStore, failures: number): MessageStore {
  let left = failures;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'append') {
        return (stream: string, ...rest: unknown[]) => {
          if (stream.endsWith(':checkpoint') && left > 0) {
            left -= 1;
            return Promise.reject(new Error('the store is unavailable'));
          }
          return (target.append as (...args: unknown[]) => unknown).call(target, stream, ...rest);
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('runKeyedConsumer', () => {
  it('keeps storing its checkpoint after one write failed (the store was down for a moment)', async () => {
    const category = `k${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    const name = `${category}consumer`;
    const store = stores.store();
    const handled: string[] = [];
    const consumer = await runKeyedConsumer({
      store: failingCheckpointWrites(store, 1),
      name,
      streamPrefixes: [`${category}-`],
      keyOf: (m) => m.streamName,
      handle: async (_key, m) => {
        handled.push(m.id);
      },
      group: { size: 1, member: 0 },
      concurrency: 4,
      checkpointEvery: { messages: 1, ms: 20 },
      logger: silent,
    });
    const first = await store.append(`${category}-a`, [deposit()]);
    await expect.poll(() => handled.length).toBe(1);
    // Let the failed write happen, then write more: every later write must still be attempted.
    const second = await store.append(`${category}-b`, [deposit()]);
    await expect.poll(() => handled.length).toBe(2);
    const stored = () => new CheckpointStream(store, name).read();
    await expect.poll(async () => (await stored())?.commit, { timeout: 5_000 }).toBe(second.position?.commit);
    expect(second.position?.commit).toBeGreaterThan(first.position?.commit ?? 0n);
    expect((await store.readLast(streamNames.checkpoint(name)))?.type).toBe('CheckpointRecorded');
    await consumer.stop();
  });
});
