import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { startDevStore, type DevStore } from '@causeway/devstore';
import { MessageStore, streamNames, type Recorded } from '@causeway/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let devstore: DevStore | undefined;
let url: string;
let store: MessageStore;
let service: ChildProcess | undefined;
beforeAll(async () => {
  url = process.env.EVENTSTORE_URL ?? (devstore = await startDevStore({ port: 0 })).url;
  store = MessageStore.connect(url);
});
afterAll(async () => {
  service?.kill('SIGKILL');
  await store.close();
  await devstore?.close();
});

describe('the auctions service (what npm start runs)', () => {
  it('runs the component and the closing schedule together, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'service.ts')], {
      env: { ...process.env, EVENTSTORE_URL: url, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service = child;
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await expect.poll(() => output).toContain('"part":"auctionCloser","msg":"started"');

    const auctionId = randomUUID();
    await store.append(streamNames.command('auction', auctionId), [
      {
        type: 'OpenAuction',
        data: {
          auctionId,
          sellerId: randomUUID(),
          lotId: randomUUID(),
          title: 'Pocket watch',
          startingPrice: 100,
          minimumIncrement: 10,
          currency: 'EUR',
          closesAt: new Date(Date.now() + 500).toISOString(),
        },
      },
    ]);
    const types = async () => {
      const seen: string[] = [];
      for await (const m of store.readStream(streamNames.entity('auction', auctionId))) seen.push((m as Recorded).type);
      return seen;
    };
    await expect.poll(types).toEqual(['AuctionOpened', 'AuctionClosed']);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    service = undefined;
  });
});
