import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDevStore, type DevStore } from '@causeway/devstore';
import { MessageStore } from './MessageStore.ts';
import { streamNames } from '../messages/streamNames.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'causeway-resubscribe-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('CatchUpSubscription', () => {
  it('resubscribes after the server goes away, from the last position delivered: no gap, no duplicate', async () => {
    let server: DevStore = await startDevStore({ port: 0, dataDir });
    const port = server.port;
    const store = MessageStore.connect(server.url);
    const walletId = randomUUID();
    const stream = streamNames.entity('resub', walletId);
    const deposit = (n: number) => ({ type: 'FundsDeposited' as const, data: { walletId, amount: n, currency: 'EUR', balance: n } });
    await store.append(stream, [deposit(1), deposit(2)]);
    const seen: number[] = [];
    const sub = store.subscribe({
      filter: { streamPrefixes: ['resub-'] },
      handle: (m) => void seen.push((m.data as { amount: number }).amount),
      retry: { initialMs: 50, maxMs: 200 },
    });
    await expect.poll(() => seen).toEqual([1, 2]);

    await server.close();
    server = await startDevStore({ port, dataDir });
    const writer = MessageStore.connect(server.url);
    await writer.append(stream, [deposit(3), deposit(4)]);
    await expect.poll(() => seen, { timeout: 15_000 }).toEqual([1, 2, 3, 4]);
    await sub.stop();
    await writer.close();
    await store.close();
    await server.close();
  });
});
