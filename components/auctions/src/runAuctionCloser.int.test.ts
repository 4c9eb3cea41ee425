import { randomUUID } from 'node:crypto';
import { startDevStore, type DevStore } from '@causeway/devstore';
import { MessageStore, runComponent, streamNames, type Recorded, type RunningComponent } from '@causeway/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auctions } from './auctions.ts';
import { runAuctionCloser } from './runAuctionCloser.ts';

let devstore: DevStore | undefined;
let store: MessageStore;
// A private category keeps these auctions apart from other tests sharing a store.
const category = `auctionCloserT${randomUUID().replace(/-/g, '').slice(0, 8)}`;
const component = { ...auctions, name: category, category };
let running: RunningComponent;

beforeAll(async () => {
  store = MessageStore.connect(process.env.EVENTSTORE_URL ?? (devstore = await startDevStore({ port: 0 })).url);
  running = await runComponent(component, { store });
});
afterAll(async () => {
  await running.stop();
  await store.close();
  await devstore?.close();
});

const read = async (stream: string): Promise<Recorded[]> => {
  const messages: Recorded[] = [];
  for await (const m of store.readStream(stream)) messages.push(m);
  return messages;
};
const eventsOf = async (auctionId: string, type: string) => (await read(streamNames.entity(category, auctionId))).filter((m) => m.type === type);

async function openAuction(closesAt: Date): Promise<string> {
  const auctionId = randomUUID();
  await store.append(streamNames.command(category, auctionId), [
    {
      type: 'OpenAuction',
      data: {
        auctionId,
        sellerId: randomUUID(),
        lotId: randomUUID(),
        title: 'Mantel clock',
        startingPrice: 100,
        minimumIncrement: 10,
        currency: 'EUR',
        closesAt: closesAt.toISOString(),
      },
    },
  ]);
  await expect.poll(async () => (await eventsOf(auctionId, 'AuctionOpened')).length).toBe(1);
  return auctionId;
}

describe('runAuctionCloser, through the runtime and the embedded store', () => {
  let first: string;

  it('closes an auction by itself when it is due, not before', async () => {
    const closer = await runAuctionCloser({ store, category });
    await closer.caughtUp;
    const closesAt = new Date(Date.now() + 1_000);
    first = await openAuction(closesAt);
    await expect.poll(async () => (await eventsOf(first, 'AuctionClosed')).length).toBe(1);
    const [closed] = await eventsOf(first, 'AuctionClosed');
    expect(closed?.type === 'AuctionClosed' && Date.parse(closed.data.closedAt)).toBeGreaterThanOrEqual(closesAt.getTime());
    expect(closed?.data).toMatchObject({ auctionId: first, winningBid: null });
    await closer.stop();
  });

  it('closes an auction that fell due while it was stopped once it starts again, and closes no auction twice', async () => {
    const closesAt = new Date(Date.now() + 200);
    const overdue = await openAuction(closesAt);
    await new Promise((r) => setTimeout(r, Math.max(0, closesAt.getTime() - Date.now()) + 300));
    // Nobody else closes auctions: the restarted schedule must be what closes it.
    expect(await eventsOf(overdue, 'AuctionClosed')).toHaveLength(0);

    const restarted = await runAuctionCloser({ store, category });
    await restarted.caughtUp;
    await expect.poll(async () => (await eventsOf(overdue, 'AuctionClosed')).length).toBe(1);
    expect(restarted.pending()).toBe(0);
    await restarted.stop();

    // The auction closed in the first test was not sent a second CloseAuction by the restarted schedule.
    const commands = (await read(streamNames.command(category, first))).filter((m) => m.type === 'CloseAuction');
    expect(commands).toHaveLength(1);
    expect(await eventsOf(first, 'AuctionClosed')).toHaveLength(1);
  });

  it('two schedules running at once close a due auction once', async () => {
    const [a, b] = [await runAuctionCloser({ store, category }), await runAuctionCloser({ store, category })];
    await Promise.all([a.caughtUp, b.caughtUp]);
    const auctionId = await openAuction(new Date(Date.now() - 1_000));
    await expect.poll(async () => (await eventsOf(auctionId, 'AuctionClosed')).length).toBe(1);
    await expect.poll(() => a.pending() + b.pending()).toBe(0);
    await Promise.all([a.stop(), b.stop()]);
    expect(await eventsOf(auctionId, 'AuctionClosed')).toHaveLength(1);
    // Both sent the same command id: the store keeps it once.
    expect((await read(streamNames.command(category, auctionId))).filter((m) => m.type === 'CloseAuction')).toHaveLength(1);
  });
});
