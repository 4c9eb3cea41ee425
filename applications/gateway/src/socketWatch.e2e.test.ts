import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTab, type Tab } from './testing/socketClient.ts';
import { startTestSuite, type TestSuite } from './testing/startTestSuite.ts';

type Ack = { ok: true; commandId: string; position: string } | { ok: false; error: { code: string } };
type Board = { _id: string; bidCount: number; _position: string };

let suite: TestSuite;
let seller: { userId: string; token: string };
let bidder: { userId: string; token: string };
let sellerTab: Tab;
let bidderTab: Tab;
const tabs: Tab[] = [];
beforeAll(async () => {
  suite = await startTestSuite();
  [seller, bidder] = await Promise.all([suite.register(), suite.register()]);
  [sellerTab, bidderTab] = [await tab(seller.token), await tab(bidder.token)];
  const funded = await command(bidderTab, { type: 'DepositFunds', data: { walletId: bidder.userId, amount: 1_000_000, currency: 'EUR' } });
  await done(bidderTab, funded, 'COMMAND/DEPOSIT_FUNDS/SUCCEEDED');
});
afterAll(async () => {
  for (const t of tabs) t.close();
  await suite?.stop();
});

async function tab(token?: string): Promise<Tab> {
  const t = await openTab(suite.url, token);
  tabs.push(t);
  return t;
}

async function command(t: Tab, body: { type: string; data: unknown }): Promise<string> {
  const ack = (await t.socket.emitWithAck('command', body)) as Ack;
  if (!ack.ok) throw new Error(`refused: ${JSON.stringify(ack.error)}`);
  return ack.commandId;
}

// vi.waitFor, not expect.poll: this also runs in beforeAll.
async function done(t: Tab, commandId: string, name: string): Promise<void> {
  await vi.waitFor(() => expect(t.ofCommand(commandId).some((r) => r.name === name)).toBe(true), { timeout: 30_000, interval: 10 });
}

async function openAuction(): Promise<string> {
  const auctionId = randomUUID();
  const data = {
    auctionId,
    sellerId: seller.userId,
    lotId: randomUUID(),
    title: 'Clock',
    startingPrice: 100,
    minimumIncrement: 10,
    currency: 'EUR',
    closesAt: '2030-01-01T00:00:00Z',
  };
  await done(sellerTab, await command(sellerTab, { type: 'OpenAuction', data }), 'COMMAND/OPEN_AUCTION/SUCCEEDED');
  return auctionId;
}

/** A bid, returned once the auction board has applied it. */
async function bid(auctionId: string, amount: number): Promise<void> {
  const id = await command(bidderTab, {
    type: 'SubmitBid',
    data: { auctionId, bidId: randomUUID(), bidderId: bidder.userId, walletId: bidder.userId, amount, currency: 'EUR' },
  });
  await expect
    .poll(() =>
      bidderTab.ofCommand(id).some((r) => r.payload.aggregator === 'auction-board' && (r.payload.events as { type: string }[])[0]?.type === 'BidPlaced'),
    )
    .toBe(true);
}

const watch = (t: Tab, body: Record<string, unknown>) => t.socket.emitWithAck('watch', body) as Promise<{ ok: boolean; error?: { code: string } }>;
const updates = (t: Tab, id: string) =>
  t.received
    .filter((r) => r.name === 'VIEW/auctions/UPDATED' && r.payload.id === id)
    .map((r) => r.payload as unknown as { id: string; doc: Board; position: string });

describe('socket.io: watch', () => {
  it('sends the current document, then each change once; unwatch stops it', async () => {
    const auctionId = await openAuction();
    const [viewer, stays] = [await tab(), await tab()];
    expect(await watch(viewer, { view: 'auctions', id: auctionId })).toEqual({ ok: true });
    expect(await watch(stays, { view: 'auctions', id: auctionId })).toEqual({ ok: true });
    // The ack follows the first read: the current document has been sent already.
    expect(updates(viewer, auctionId).map((u) => u.doc.bidCount)).toEqual([0]);
    await bid(auctionId, 200);
    await expect.poll(() => updates(viewer, auctionId).map((u) => u.doc.bidCount)).toEqual([0, 1]);
    const [first, second] = updates(viewer, auctionId);
    expect(second?.position).toBe(second?.doc._position);
    expect((second?.position ?? '') > (first?.position ?? '')).toBe(true);

    expect(await viewer.socket.emitWithAck('unwatch', { view: 'auctions', id: auctionId })).toEqual({ ok: true });
    await bid(auctionId, 300);
    await expect.poll(() => updates(stays, auctionId).map((u) => u.doc.bidCount)).toEqual([0, 1, 2]);
    expect(updates(viewer, auctionId).map((u) => u.doc.bidCount)).toEqual([0, 1]);
  });

  it('a document that does not exist yet arrives when it is created', async () => {
    const auctionId = randomUUID();
    const viewer = await tab();
    expect(await watch(viewer, { view: 'auction_details', id: auctionId })).toEqual({ ok: true });
    expect(viewer.received).toEqual([]);
    const data = {
      auctionId,
      sellerId: seller.userId,
      lotId: randomUUID(),
      title: 'Vase',
      startingPrice: 100,
      minimumIncrement: 10,
      currency: 'EUR',
      closesAt: '2030-01-01T00:00:00Z',
    };
    await command(sellerTab, { type: 'OpenAuction', data });
    await expect
      .poll(() => viewer.received.filter((r) => r.name === 'VIEW/auction_details/UPDATED').map((r) => (r.payload.doc as { title: string }).title))
      .toEqual(['Vase']);
  });

  it('reconnecting with since delivers what was missed, once, and nothing when nothing was', async () => {
    const auctionId = await openAuction();
    const before = await tab();
    await watch(before, { view: 'auctions', id: auctionId });
    await bid(auctionId, 200);
    await expect.poll(() => updates(before, auctionId).map((u) => u.doc.bidCount)).toEqual([0, 1]);
    const lastSeen = updates(before, auctionId).at(-1)?.position as string;
    before.close();

    await bid(auctionId, 300);
    await bid(auctionId, 400);
    const after = await tab();
    await watch(after, { view: 'auctions', id: auctionId, since: lastSeen });
    // The missed changes arrive as the current document, once.
    expect(updates(after, auctionId).map((u) => u.doc.bidCount)).toEqual([3]);
    // Watching again with the newest position seen sends nothing more.
    const latest = updates(after, auctionId).at(-1)?.position as string;
    const again = await tab();
    await watch(again, { view: 'auctions', id: auctionId, since: latest });
    expect(updates(again, auctionId)).toEqual([]);
    // And a repeated watch on the same connection does not repeat what it was sent.
    await watch(after, { view: 'auctions', id: auctionId });
    expect(updates(after, auctionId).map((u) => u.doc.bidCount)).toEqual([3]);
  });

  it('refuses views that are not public, other users’ dashboards, and bad positions', async () => {
    const anon = await tab();
    const mine = await tab(bidder.token);
    expect(await watch(anon, { view: 'user_credentials', id: 'x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await watch(anon, { view: 'documents', id: randomUUID() })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await watch(mine, { view: 'dashboards', id: seller.userId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await watch(mine, { view: 'auctions', id: randomUUID(), since: 'yesterday' })).toMatchObject({ ok: false });
    expect(await watch(mine, { view: 'dashboards', id: bidder.userId })).toEqual({ ok: true });
    await expect.poll(() => mine.received.filter((r) => r.name === 'VIEW/dashboards/UPDATED').length).toBe(1);
  });
});
