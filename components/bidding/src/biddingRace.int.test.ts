import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auctions } from '@causeway/auctions';
import { startDevStore, type DevStore } from '@causeway/devstore';
import { MessageStore, loadEntity, runComponent, runPolicy, runSaga, streamNames, type Recorded } from '@causeway/runtime';
import { wallets } from '@causeway/wallets';
import { biddingSaga } from './biddingSaga.ts';
import { settlementPolicy } from './settlementPolicy.ts';

// The whole write side of bidding on one embedded store: wallets, auctions, the saga, the
// settlement policy. In the second race the wallets component runs as its own service
// process (`causeway run components/wallets`) and is killed with SIGKILL mid-race.
const cli = path.resolve(import.meta.dirname, '../../../tools/cli/bin/causeway.js');
let devstore: DevStore;
let store: MessageStore;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  devstore = await startDevStore({ port: 0 });
  store = MessageStore.connect(devstore.url);
  for (const start of [() => runComponent(auctions, { store }), () => runSaga(biddingSaga, { store }), () => runPolicy(settlementPolicy, { store })]) {
    const running = await start();
    stops.push(() => running.stop());
  }
});
afterAll(async () => {
  for (const stop of stops) await stop();
  await store.close();
  await devstore.close();
});

function startWalletsProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, 'run', 'components/wallets'], {
    env: { ...process.env, EVENTSTORE_URL: devstore.url, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}

const readAll = async (stream: string) => {
  const out: Recorded[] = [];
  for await (const m of store.readStream(stream)) out.push(m);
  return out;
};

async function race(options: { bidders: number; killWalletsAt?: number }) {
  const auctionId = randomUUID();
  const sellerId = randomUUID();
  const bidders = Array.from({ length: options.bidders }, () => randomUUID());
  const deposit = 10_000;
  for (const b of bidders)
    await store.append(streamNames.command('wallet', b), [{ type: 'DepositFunds', data: { walletId: b, amount: deposit, currency: 'EUR' } }]);
  await store.append(streamNames.command('auction', auctionId), [
    {
      type: 'OpenAuction',
      data: {
        auctionId,
        sellerId,
        lotId: randomUUID(),
        title: 'Contested lamp',
        startingPrice: 100,
        minimumIncrement: 10,
        currency: 'EUR',
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    },
  ]);
  // Every bidder bids twice, with amounts that interleave, all at once.
  const bids = bidders.flatMap((bidderId, i) => [100 + i * 7, 400 + ((i * 37) % 500)].map((amount) => ({ bidId: randomUUID(), bidderId, amount })));
  let walletsProcess = options.killWalletsAt === undefined ? undefined : await startWalletsProcess();
  let submitted = 0;
  await Promise.all(
    bids.map(async (bid) => {
      await store.append(streamNames.command('bidding', bid.bidId), [
        {
          type: 'SubmitBid',
          data: { auctionId, bidId: bid.bidId, bidderId: bid.bidderId, walletId: bid.bidderId, amount: bid.amount, currency: 'EUR' },
          metadata: { userId: bid.bidderId },
        },
      ]);
      submitted += 1;
      if (walletsProcess && submitted === options.killWalletsAt) {
        walletsProcess.kill('SIGKILL');
        await new Promise((r) => walletsProcess?.once('exit', r));
        walletsProcess = await startWalletsProcess();
      }
    }),
  );
  const terminal = new Set(['SagaSucceeded', 'SagaRollbackSucceeded', 'SagaRollbackFailed']);
  const endOf = async (bidId: string) => (await store.readLast(streamNames.entity('bidding', bidId)))?.type ?? 'none';
  await expect
    .poll(async () => (await Promise.all(bids.map((b) => endOf(b.bidId)))).filter((t) => terminal.has(t)).length, { timeout: 120_000, interval: 200 })
    .toBe(bids.length);
  const ends = await Promise.all(bids.map((b) => endOf(b.bidId)));

  await store.append(streamNames.command('auction', auctionId), [{ type: 'CloseAuction', data: { auctionId } }]);
  const auctionEvents = async () => readAll(streamNames.entity('auction', auctionId));
  await expect.poll(async () => (await auctionEvents()).some((e) => e.type === 'AuctionClosed'), { timeout: 30_000 }).toBe(true);
  const events = await auctionEvents();
  const closed = events.find((e) => e.type === 'AuctionClosed') as Recorded<'AuctionClosed'>;
  const winner = closed.data.winningBid;
  expect(winner).not.toBeNull();
  // Settlement: every reservation ends released, except the winner's, captured.
  const walletState = async (id: string) => (await loadEntity(store, wallets, id)).state;
  await expect
    .poll(async () => (await Promise.all(bidders.map(walletState))).flatMap((w) => Object.values(w.reservations)).filter((r) => r.status === 'open').length, {
      timeout: 60_000,
      interval: 200,
    })
    .toBe(0);
  // And the seller has been paid the price: the settlement's last step, after the capture.
  await expect
    .poll(async () => (await readAll(streamNames.entity('wallet', sellerId))).some((e) => e.type === 'FundsCredited'), { timeout: 60_000, interval: 200 })
    .toBe(true);
  if (walletsProcess) {
    walletsProcess.kill('SIGTERM');
    await new Promise((r) => walletsProcess?.once('exit', r));
  }
  return { events, ends, winner, bidders, sellerId, deposit, bids, walletState };
}

async function expectConsistent(outcome: Awaited<ReturnType<typeof race>>) {
  const { events, ends, winner, bidders, sellerId, deposit, walletState } = outcome;
  expect(ends).not.toContain('SagaRollbackFailed');
  const placed = events.filter((e): e is Recorded<'BidPlaced'> => e.type === 'BidPlaced');
  // One consistent highest bid: accepted bids strictly increase by at least the increment, and the last one wins.
  for (let i = 1; i < placed.length; i += 1)
    expect((placed[i] as Recorded<'BidPlaced'>).data.amount).toBeGreaterThanOrEqual((placed[i - 1] as Recorded<'BidPlaced'>).data.amount + 10);
  expect(winner?.bidId).toBe(placed.at(-1)?.data.bidId);
  expect(winner?.amount).toBe(Math.max(...placed.map((p) => p.data.amount)));
  // Sagas and auction agree: a bid stands iff its saga succeeded.
  expect(ends.filter((t) => t === 'SagaSucceeded').length).toBe(placed.length);
  // Money is conserved, end to end: the sum over every wallet, the seller's included, is what was deposited.
  let balances = 0;
  for (const b of bidders) {
    const w = await walletState(b);
    balances += w.balances.EUR ?? 0;
    const open = Object.values(w.reservations).filter((r) => r.status === 'open');
    expect(open).toEqual([]);
  }
  const seller = await walletState(sellerId);
  expect(seller.balances.EUR).toBe(winner?.amount);
  expect(balances + (seller.balances.EUR ?? 0)).toBe(bidders.length * deposit);
}

// Several processes share two cores here: generous limits, no timing assertions.
describe('50 bidders racing on one auction', { timeout: 300_000 }, () => {
  it('end with one consistent highest bid, every loser’s funds released and money conserved', async () => {
    const wallet = await runComponent(wallets, { store });
    stops.push(() => wallet.stop());
    const outcome = await race({ bidders: 50 });
    await wallet.stop();
    stops.pop();
    await expectConsistent(outcome);
  });

  it('killing and restarting the wallets service during the race changes nothing in the outcome', async () => {
    const outcome = await race({ bidders: 50, killWalletsAt: 40 });
    await expectConsistent(outcome);
  });
});
