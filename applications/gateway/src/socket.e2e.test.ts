import { randomUUID } from 'node:crypto';
import { CHECKPOINTS } from '@causeway/runtime';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from './createGateway.ts';
import { openTab, type Tab } from './testing/socketClient.ts';
import { socketPlugin } from './socket/socketPlugin.ts';
import { startTestSuite, type TestSuite } from './testing/startTestSuite.ts';

type Ack = { ok: true; commandId: string; position: string } | { ok: false; error: { code: string; status: number; commandId: string; issues?: unknown[] } };

let suite: TestSuite;
const tabs: Tab[] = [];
beforeAll(async () => {
  suite = await startTestSuite();
});
afterAll(async () => {
  for (const tab of tabs) tab.close();
  await suite?.stop();
});

async function tab(token?: string): Promise<Tab> {
  const t = await openTab(suite.url, token);
  tabs.push(t);
  return t;
}

const send = (t: Tab, command: { type: unknown; data?: unknown; id?: string }) => t.socket.emitWithAck('command', command) as Promise<Ack>;

function accepted(ack: Ack): { commandId: string; position: string } {
  if (!ack.ok) throw new Error(`refused: ${JSON.stringify(ack.error)}`);
  return ack;
}

/** Waits until `t` has received `name` for the command, and returns the payloads. */
async function until(t: Tab, commandId: string, name: string): Promise<Tab['received']> {
  await expect.poll(() => t.ofCommand(commandId).some((r) => r.name === name)).toBe(true);
  return t.ofCommand(commandId).filter((r) => r.name === name);
}

const deposit = (walletId: string, amount = 50_000) => ({ type: 'DepositFunds', data: { walletId, amount, currency: 'EUR' } });
const openAuction = (sellerId: string, auctionId = randomUUID()) => ({
  type: 'OpenAuction',
  data: {
    auctionId,
    sellerId,
    lotId: randomUUID(),
    title: 'Brass telescope',
    startingPrice: 1_000,
    minimumIncrement: 100,
    currency: 'EUR',
    closesAt: '2030-01-01T00:00:00Z',
  },
});
const submitBid = (userId: string, auctionId: string, amount: number) => ({
  type: 'SubmitBid',
  data: { auctionId, bidId: randomUUID(), bidderId: userId, walletId: userId, amount, currency: 'EUR' },
});

describe('socket.io: command', () => {
  it('acks with the command id and position, then ENQUEUED, SUCCEEDED and PROJECTION_UPDATED per affected aggregator', async () => {
    const ada = await suite.register();
    const t = await tab(ada.token);
    const id = randomUUID();
    const ack = accepted(await send(t, { ...deposit(ada.userId), id }));
    expect(ack.commandId).toBe(id);
    expect(ack.position).toMatch(/^\d{20}\/\d{20}$/);
    const [enqueued] = await until(t, id, 'COMMAND/DEPOSIT_FUNDS/ENQUEUED');
    expect(enqueued?.payload).toMatchObject({ commandId: id, status: 'ENQUEUED' });
    expect(Date.parse(String(enqueued?.payload.at))).not.toBeNaN();
    const [succeeded] = await until(t, id, 'COMMAND/DEPOSIT_FUNDS/SUCCEEDED');
    expect(succeeded?.payload).toMatchObject({ commandId: id, status: 'SUCCEEDED', events: [{ type: 'FundsDeposited', stream: `wallet-${ada.userId}` }] });
    await expect
      .poll(() =>
        t
          .ofCommand(id)
          .filter((r) => r.name === 'COMMAND/DEPOSIT_FUNDS/PROJECTION_UPDATED')
          .map((r) => r.payload.aggregator)
          .sort(),
      )
      .toEqual(['command-status', 'user-dashboard']);
    // Once PROJECTION_UPDATED says so, the view shows the result.
    const dashboard = await suite.db.collection<{ _id: string; funds: Record<string, { balance: number }> }>('dashboards').findOne({ _id: ada.userId });
    expect(dashboard?.funds.EUR?.balance).toBe(50_000);
  });

  it('a repeated id is answered again and writes nothing new', async () => {
    const ada = await suite.register();
    const t = await tab(ada.token);
    const id = randomUUID();
    const first = accepted(await send(t, { ...deposit(ada.userId, 700), id }));
    const again = accepted(await send(t, { ...deposit(ada.userId, 700), id }));
    expect(again).toEqual(first);
    expect((await suite.read(`wallet:command-${ada.userId}`)).filter((m) => m.id === id)).toHaveLength(1);
  });

  it('REJECTED when the component refuses', async () => {
    const seller = await suite.register();
    const t = await tab(seller.token);
    const auction = openAuction(seller.userId);
    const opened = accepted(await send(t, auction));
    await until(t, opened.commandId, 'COMMAND/OPEN_AUCTION/SUCCEEDED');
    // A retraction of a bid that was never placed.
    const retract = accepted(
      await send(t, {
        type: 'RetractBid',
        data: { auctionId: auction.data.auctionId, bidId: randomUUID(), bidderId: seller.userId },
      }),
    );
    const [rejected] = await until(t, retract.commandId, 'COMMAND/RETRACT_BID/REJECTED');
    expect(rejected?.payload).toMatchObject({ status: 'REJECTED', events: [{ type: 'BidRejected' }] });
    await until(t, retract.commandId, 'COMMAND/RETRACT_BID/PROJECTION_UPDATED');
  });

  it('FAILED_AUTHENTICATION for a forged, an expired or no token, to that connection only; nothing is written', async () => {
    const ada = await suite.register();
    const adaTab = await tab(ada.token);
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(ada.userId)
      .setIssuer('causeway-gateway')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(64)));
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(ada.userId)
      .setIssuer('causeway-gateway')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(suite.jwtSecret));
    for (const token of [forged, expired, undefined]) {
      const t = await tab(token);
      const id = randomUUID();
      const ack = await send(t, { ...deposit(ada.userId), id });
      expect(ack).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', status: 401, commandId: id } });
      const [failed] = await until(t, id, 'COMMAND/DEPOSIT_FUNDS/FAILED_AUTHENTICATION');
      expect(failed?.payload).toMatchObject({ commandId: id, status: 'FAILED_AUTHENTICATION', error: { code: 'UNAUTHENTICATED' } });
      expect(adaTab.ofCommand(id)).toEqual([]);
    }
    expect(await suite.read(`wallet:command-${ada.userId}`)).toEqual([]);
  });

  it('FORBIDDEN for a PlaceBid of ones own: bids no funds back are refused, only the bidding saga places bids; nothing is written', async () => {
    const [seller, bidder] = await Promise.all([suite.register(), suite.register()]);
    const auction = openAuction(seller.userId);
    const sellerTab = await tab(seller.token);
    await until(sellerTab, accepted(await send(sellerTab, auction)).commandId, 'COMMAND/OPEN_AUCTION/SUCCEEDED');
    const t = await tab(bidder.token);
    const ack = await send(t, {
      type: 'PlaceBid',
      data: {
        auctionId: auction.data.auctionId,
        bidId: randomUUID(),
        bidderId: bidder.userId,
        amount: 1_000_000_000,
        currency: 'EUR',
        reservationId: randomUUID(),
      },
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', status: 403 } });
    expect((await suite.read(`auction:command-${auction.data.auctionId}`)).map((m) => m.type)).toEqual(['OpenAuction']);
  });

  it('FAILED_AUTHENTICATION (403) when acting for someone else', async () => {
    const [ada, bob] = await Promise.all([suite.register(), suite.register()]);
    const t = await tab(ada.token);
    const ack = await send(t, deposit(bob.userId));
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', status: 403 } });
    if (ack.ok) return;
    await until(t, ack.error.commandId, 'COMMAND/DEPOSIT_FUNDS/FAILED_AUTHENTICATION');
    expect(await suite.read(`wallet:command-${bob.userId}`)).toEqual([]);
  });

  it("FAILED_VALIDATION with every issue, to the sending connection only (never echoed to the user's other tabs); unknown types too", async () => {
    const ada = await suite.register();
    const [one, two] = [await tab(ada.token), await tab(ada.token)];
    const ack = await send(one, { type: 'DepositFunds', data: { walletId: ada.userId, amount: -5, currency: 'euro' } });
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', status: 400 } });
    if (ack.ok) return;
    expect(ack.error.issues?.length).toBeGreaterThanOrEqual(2);
    const [failed] = await until(one, ack.error.commandId, 'COMMAND/DEPOSIT_FUNDS/FAILED_VALIDATION');
    expect((failed?.payload.error as { issues: unknown[] }).issues).toEqual(ack.error.issues);
    const unknown = await send(one, { type: 'Nonsense!', data: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_MESSAGE_TYPE' } });
    if (!unknown.ok) await until(one, unknown.error.commandId, 'COMMAND/UNKNOWN/FAILED_VALIDATION');
    const badId = await send(one, { ...deposit(ada.userId), id: 'not-a-uuid' });
    expect(badId).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await suite.read(`wallet:command-${ada.userId}`)).toEqual([]);
    // A later valid command reaches the other tab; events to one connection arrive in order, so
    // anything announced to it about the refusals would have arrived before this.
    const later = accepted(await send(one, deposit(ada.userId)));
    await until(two, later.commandId, 'COMMAND/DEPOSIT_FUNDS/ENQUEUED');
    expect(two.received.filter((r) => r.name.endsWith('/FAILED_VALIDATION'))).toEqual([]);
  });

  it('FAILED_VALIDATION for data nested past the limit or with a NUL byte in a key; the gateway keeps serving', async () => {
    const ada = await suite.register();
    const t = await tab(ada.token);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i += 1) deep = [deep];
    const nested = await send(t, { type: 'DepositFunds', data: { ...deposit(ada.userId).data, x: deep } });
    expect(nested).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ keyword: 'maxDepth' }] } });
    const nul = await send(t, { type: 'DepositFunds', data: { ...deposit(ada.userId).data, '\u0000': 1 } });
    expect(nul).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ keyword: 'propertyNames' }] } });
    expect(accepted(await send(t, deposit(ada.userId))).commandId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await suite.read(`wallet:command-${ada.userId}`)).toHaveLength(1);
  });
});

describe('socket.io: saga statuses', () => {
  it('SAGA_INITIATED then SAGA_SUCCEEDED, with PROJECTION_UPDATED for the board once the bid is placed', async () => {
    const [seller, bidder] = await Promise.all([suite.register(), suite.register()]);
    const [s, b] = [await tab(seller.token), await tab(bidder.token)];
    const auction = openAuction(seller.userId);
    await until(s, accepted(await send(s, auction)).commandId, 'COMMAND/OPEN_AUCTION/SUCCEEDED');
    await until(b, accepted(await send(b, deposit(bidder.userId))).commandId, 'COMMAND/DEPOSIT_FUNDS/SUCCEEDED');
    const bid = accepted(await send(b, submitBid(bidder.userId, auction.data.auctionId, 1_200)));
    await until(b, bid.commandId, 'COMMAND/SUBMIT_BID/ENQUEUED');
    await until(b, bid.commandId, 'COMMAND/SUBMIT_BID/SAGA_INITIATED');
    await until(b, bid.commandId, 'COMMAND/SUBMIT_BID/SAGA_SUCCEEDED');
    await expect
      .poll(() =>
        b.ofCommand(bid.commandId).some((r) => r.payload.aggregator === 'auction-board' && (r.payload.events as { type: string }[])[0]?.type === 'BidPlaced'),
      )
      .toBe(true);
    const board = await suite.db.collection<{ _id: string; bidCount: number }>('auctions').findOne({ _id: auction.data.auctionId });
    expect(board?.bidCount).toBe(1);
    expect(s.ofCommand(bid.commandId)).toEqual([]);
  });

  it('SAGA_FAILED when the funds are missing', async () => {
    const [seller, bidder] = await Promise.all([suite.register(), suite.register()]);
    const [s, b] = [await tab(seller.token), await tab(bidder.token)];
    const auction = openAuction(seller.userId);
    await until(s, accepted(await send(s, auction)).commandId, 'COMMAND/OPEN_AUCTION/SUCCEEDED');
    const bid = accepted(await send(b, submitBid(bidder.userId, auction.data.auctionId, 1_200)));
    await until(b, bid.commandId, 'COMMAND/SUBMIT_BID/SAGA_INITIATED');
    await until(b, bid.commandId, 'COMMAND/SUBMIT_BID/SAGA_FAILED');
  });

  it('SAGA_ROLLBACK_INITIATED then SAGA_ROLLBACK_SUCCEEDED when the auction refuses the bid', async () => {
    const [seller, bidder] = await Promise.all([suite.register(), suite.register()]);
    const [s, b] = [await tab(seller.token), await tab(bidder.token)];
    const auction = openAuction(seller.userId);
    await until(s, accepted(await send(s, auction)).commandId, 'COMMAND/OPEN_AUCTION/SUCCEEDED');
    await until(b, accepted(await send(b, deposit(bidder.userId))).commandId, 'COMMAND/DEPOSIT_FUNDS/SUCCEEDED');
    const bid = accepted(await send(b, submitBid(bidder.userId, auction.data.auctionId, 10)));
    await until(b, bid.commandId, 'COMMAND/SUBMIT_BID/SAGA_ROLLBACK_INITIATED');
    await until(b, bid.commandId, 'COMMAND/SUBMIT_BID/SAGA_ROLLBACK_SUCCEEDED');
  });
  it('SAGA_ROLLBACK_FAILED reaches the user (simulated: a refused release cannot be provoked through the API)', async () => {
    const bidder = await suite.register();
    const b = await tab(bidder.token);
    // Held back so that the real saga does not run alongside the simulated outcome.
    await suite.pause('saga:bidding');
    try {
      const bid = accepted(await send(b, submitBid(bidder.userId, randomUUID(), 1_200)));
      await until(b, bid.commandId, 'COMMAND/SUBMIT_BID/ENQUEUED');
      const sagaId = randomUUID();
      await suite.store.append(`bidding-${sagaId}`, [
        {
          type: 'SagaRollbackFailed',
          data: {
            sagaId,
            saga: 'bidding',
            step: 'reserveFunds',
            outcome: { type: 'FundsReservationRejected', id: randomUUID(), data: {} },
            reason: 'simulated',
          },
          metadata: { correlationId: bid.commandId, causationId: randomUUID() },
        },
      ]);
      const [failed] = await until(b, bid.commandId, 'COMMAND/SUBMIT_BID/SAGA_ROLLBACK_FAILED');
      expect(failed?.payload).toMatchObject({ status: 'SAGA_ROLLBACK_FAILED', events: [{ type: 'SagaRollbackFailed', stream: `bidding-${sagaId}` }] });
    } finally {
      await suite.resume('saga:bidding');
    }
  });
});

describe('socket.io: delivery', () => {
  it("reaches every tab of the sender and none of another user's", async () => {
    const [ada, bob] = await Promise.all([suite.register(), suite.register()]);
    const [a1, a2, b1, b2] = [await tab(ada.token), await tab(ada.token), await tab(bob.token), await tab(bob.token)];
    const fromAda = accepted(await send(a1, deposit(ada.userId)));
    const fromBob = accepted(await send(b2, deposit(bob.userId)));
    const names = ['ENQUEUED', 'SUCCEEDED', 'PROJECTION_UPDATED'].map((s) => `COMMAND/DEPOSIT_FUNDS/${s}`);
    for (const t of [a1, a2]) for (const name of names) await until(t, fromAda.commandId, name);
    for (const t of [b1, b2]) for (const name of names) await until(t, fromBob.commandId, name);
    // Each side has seen its own command to the end; the other's never arrived, in any tab.
    for (const t of [b1, b2]) expect(t.ofCommand(fromAda.commandId)).toEqual([]);
    for (const t of [a1, a2]) expect(t.ofCommand(fromBob.commandId)).toEqual([]);
    // Both of a user's tabs saw the same lifecycle.
    const seen = (t: Tab, id: string) =>
      t
        .ofCommand(id)
        .map((r) => `${r.name} ${String(r.payload.aggregator ?? '')}`)
        .sort();
    // Each event once per tab: ENQUEUED, SUCCEEDED, and PROJECTION_UPDATED per aggregator (command-status, user-dashboard).
    const expected = [
      'COMMAND/DEPOSIT_FUNDS/ENQUEUED ',
      'COMMAND/DEPOSIT_FUNDS/PROJECTION_UPDATED command-status',
      'COMMAND/DEPOSIT_FUNDS/PROJECTION_UPDATED user-dashboard',
      'COMMAND/DEPOSIT_FUNDS/SUCCEEDED ',
    ];
    for (const t of [a1, a2]) await expect.poll(() => seen(t, fromAda.commandId)).toEqual(expected);
  });

  it("is keyed by the command's sender: another user's command with the same id never brings them the first one's lifecycle", async () => {
    const [ada, bob] = await Promise.all([suite.register(), suite.register()]);
    const [adaTab, bobTab] = [await tab(ada.token), await tab(bob.token)];
    // Held back, so that both commands are in the log before either is decided or in the command-status view
    // (which would otherwise refuse Bob's reuse of the id as CONFLICT).
    await suite.pause('component:wallets');
    await suite.pause('aggregator:command-status');
    let id: string;
    try {
      // Ada sends without an Idempotency-Key: the gateway mints the id and claims nothing.
      const response = await fetch(`${suite.url}/commands/DepositFunds`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ada.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(deposit(ada.userId, 111).data),
      });
      expect(response.status).toBe(202);
      id = ((await response.json()) as { commandId: string }).commandId;
      await until(adaTab, id, 'COMMAND/DEPOSIT_FUNDS/ENQUEUED');
      // Bob, who has learned the id, sends a command of his own with it.
      expect(accepted(await send(bobTab, { ...deposit(bob.userId, 222), id })).commandId).toBe(id);
      await until(bobTab, id, 'COMMAND/DEPOSIT_FUNDS/ENQUEUED');
    } finally {
      await suite.resume('aggregator:command-status');
      await suite.resume('component:wallets');
    }
    const streamsSeen = (t: Tab, status: string) =>
      t
        .ofCommand(id)
        .filter((r) => r.name === `COMMAND/DEPOSIT_FUNDS/${status}`)
        .flatMap((r) => (r.payload.events as { stream: string }[]).map((e) => e.stream));
    await expect.poll(() => streamsSeen(adaTab, 'SUCCEEDED')).toContain(`wallet-${ada.userId}`);
    await expect.poll(() => streamsSeen(bobTab, 'SUCCEEDED')).toContain(`wallet-${bob.userId}`);
    // Once both have heard of their own outcome's projections (user-dashboard, command-status), neither has anything of the other's.
    await expect.poll(() => streamsSeen(adaTab, 'PROJECTION_UPDATED').length).toBe(2);
    await expect.poll(() => streamsSeen(bobTab, 'PROJECTION_UPDATED').length).toBe(2);
    const all = (t: Tab) => t.ofCommand(id).flatMap((r) => ((r.payload.events ?? []) as { stream: string }[]).map((e) => e.stream));
    expect(new Set(all(adaTab))).toEqual(new Set([`wallet-${ada.userId}`]));
    expect(new Set(all(bobTab))).toEqual(new Set([`wallet-${bob.userId}`]));
  });

  it("commands sent over HTTP reach the user's connections too (learned from the log)", async () => {
    const ada = await suite.register();
    const t = await tab(ada.token);
    const response = await fetch(`${suite.url}/commands/DepositFunds`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ada.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(deposit(ada.userId).data),
    });
    expect(response.status).toBe(202);
    const { commandId } = (await response.json()) as { commandId: string };
    await until(t, commandId, 'COMMAND/DEPOSIT_FUNDS/ENQUEUED');
    await until(t, commandId, 'COMMAND/DEPOSIT_FUNDS/SUCCEEDED');
  });

  it('a user connected to two gateway instances hears about a command sent through either', async () => {
    const second = await createGateway({
      store: suite.store,
      db: suite.db,
      suite: suite.manifest,
      port: 0,
      host: '127.0.0.1',
      jwtSecret: suite.jwtSecret,
      plugins: [socketPlugin()],
    });
    try {
      const ada = await suite.register();
      const here = await tab(ada.token);
      const there = await openTab(second.url, ada.token);
      tabs.push(there);
      const sent = accepted(await send(there, deposit(ada.userId)));
      for (const t of [here, there]) {
        await until(t, sent.commandId, 'COMMAND/DEPOSIT_FUNDS/ENQUEUED');
        await until(t, sent.commandId, 'COMMAND/DEPOSIT_FUNDS/SUCCEEDED');
      }
    } finally {
      await second.close();
    }
  });

  it('waits on aggregator checkpoints only for users connected to this instance', async () => {
    // Counts the checkpoint polls of a second instance: every PROJECTION_UPDATED it waits for polls until seen.
    let polls = 0;
    const db = new Proxy(suite.db, {
      get(target, key, receiver) {
        if (key !== 'collection') return Reflect.get(target, key, receiver);
        return (name: string) => {
          const collection = target.collection(name);
          if (name !== CHECKPOINTS) return collection;
          return new Proxy(collection, {
            get: (c, k, r) => (k === 'find' ? (...args: Parameters<typeof c.find>) => (polls++, c.find(...args)) : Reflect.get(c, k, r)),
          });
        };
      },
    });
    const second = await createGateway({
      store: suite.store,
      db,
      suite: suite.manifest,
      port: 0,
      host: '127.0.0.1',
      jwtSecret: suite.jwtSecret,
      plugins: [socketPlugin()],
    });
    try {
      const ada = await suite.register();
      const viaHttp = async (token: string, walletId: string) => {
        const response = await fetch(`${second.url}/commands/DepositFunds`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(deposit(walletId).data),
        });
        return ((await response.json()) as { commandId: string }).commandId;
      };
      // Ada sends over HTTP and listens nowhere: her outcomes are applied, and nothing polls for them.
      const sent = [await viaHttp(ada.token, ada.userId), await viaHttp(ada.token, ada.userId)];
      for (const id of sent) {
        await expect
          .poll(
            async () =>
              ((await (await fetch(`${second.url}/commands/${id}`, { headers: { authorization: `Bearer ${ada.token}` } })).json()) as { status?: string })
                .status,
          )
          .toBe('SUCCEEDED');
      }
      expect(polls).toBe(0);
      // Bob listens on this instance: his PROJECTION_UPDATED is waited for, which polls.
      const bob = await suite.register();
      const bobTab = await openTab(second.url, bob.token);
      tabs.push(bobTab);
      const his = await viaHttp(bob.token, bob.userId);
      await until(bobTab, his, 'COMMAND/DEPOSIT_FUNDS/PROJECTION_UPDATED');
      expect(polls).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });

  it('an anonymous connection gets only its own failures', async () => {
    const ada = await suite.register();
    const [anon, other] = [await tab(), await tab()];
    const adaTab = await tab(ada.token);
    const mine = accepted(await send(adaTab, deposit(ada.userId)));
    const ack = await send(anon, deposit(ada.userId));
    if (ack.ok) throw new Error('an anonymous command was accepted');
    await until(anon, ack.error.commandId, 'COMMAND/DEPOSIT_FUNDS/FAILED_AUTHENTICATION');
    await until(adaTab, mine.commandId, 'COMMAND/DEPOSIT_FUNDS/SUCCEEDED');
    expect(other.received.filter((r) => r.name.startsWith('COMMAND/'))).toEqual([]);
    expect(anon.received.filter((r) => r.name.startsWith('COMMAND/') && r.payload.commandId !== ack.error.commandId)).toEqual([]);
  });
});

describe('socket.io: a flood of commands on one connection', () => {
  it("is acked RATE_LIMITED past the per-connection budget, with nothing announced to the user's other connections for those; another connection keeps its own budget", async () => {
    const limited = await createGateway({
      store: suite.store,
      db: suite.db,
      suite: suite.manifest,
      port: 0,
      host: '127.0.0.1',
      jwtSecret: suite.jwtSecret,
      plugins: [socketPlugin({ commandsPerSecond: 20 })],
    });
    try {
      const ada = await suite.register();
      const flooding = await openTab(limited.url, ada.token);
      const watching = await openTab(limited.url, ada.token);
      tabs.push(flooding, watching);
      // Invalid commands, all at once.
      const acks = await Promise.all(
        Array.from({ length: 300 }, () => send(flooding, { type: 'DepositFunds', data: { walletId: ada.userId, amount: -1, currency: 'EUR' } })),
      );
      const codes = acks.map((a) => (a.ok ? 'ok' : a.error.code));
      const limitedCount = codes.filter((c) => c === 'RATE_LIMITED').length;
      expect(codes.filter((c) => c === 'VALIDATION_FAILED').length).toBeLessThanOrEqual(40);
      expect(limitedCount).toBeGreaterThanOrEqual(260);
      expect(acks.find((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toMatchObject({ ok: false, error: { status: 429 } });
      // Each refusal within the budget is announced to the sending connection, and to nobody else.
      const failures = (t: Tab) => t.received.filter((r) => r.name === 'COMMAND/DEPOSIT_FUNDS/FAILED_VALIDATION').length;
      await expect.poll(() => failures(flooding)).toBe(300 - limitedCount);
      // The other connection has a budget of its own; its command's ENQUEUED reaches both tabs, after
      // anything that could have been echoed to `watching` about the flood.
      const own = accepted(await send(watching, deposit(ada.userId)));
      await until(flooding, own.commandId, 'COMMAND/DEPOSIT_FUNDS/ENQUEUED');
      await until(watching, own.commandId, 'COMMAND/DEPOSIT_FUNDS/ENQUEUED');
      expect(failures(watching)).toBe(0);
    } finally {
      await limited.close();
    }
  });
});
