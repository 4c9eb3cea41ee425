import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, describe, expect, it } from 'vitest';
import { Live } from '../client/live.ts';

const http = createServer();
const io = new Server(http);
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
afterAll(async () => {
  await io.close();
});

describe('the page’s live connection', () => {
  it('connects again by itself after the server disconnected it, as a stopping gateway does, and renews its watches', async () => {
    const watched: unknown[] = [];
    let connections = 0;
    io.on('connection', (socket) => {
      connections += 1;
      socket.on('watch', (payload: unknown) => void watched.push(payload));
      // The first connection is ended by the server, as the gateway's preClose hook ends them all.
      if (connections === 1) setTimeout(() => socket.disconnect(true), 100);
    });
    const live = new Live();
    const states: boolean[] = [];
    live.onConnection = (connected) => states.push(connected);
    live.connect(undefined, url);
    live.watch('auctions', 'a1');
    await expect.poll(() => states).toEqual([true, false, true]);
    expect(connections).toBe(2);
    await expect.poll(() => watched.length).toBe(2);
  });
});
