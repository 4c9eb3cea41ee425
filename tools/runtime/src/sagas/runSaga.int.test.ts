import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auctionFixture } from '../testing/auctionFixture.ts';
import { useTestStores } from '../testing/useTestStores.ts';
import { biddingFixture } from '../testing/biddingFixture.ts';
import { walletFixture } from '../testing/walletFixture.ts';
import { loadEntity } from '../components/loadEntity.ts';
import type { Recorded } from '../messages/messages.ts';
import { runComponent, type RunningComponent } from '../components/runComponent.ts';
import { runSaga, type RunningSaga } from './runSaga.ts';
import { streamNames } from '../messages/streamNames.ts';

// Registered first, so its afterAll runs last (hooks unwind as a stack): runners stop before the store closes.
const stores = useTestStores();
const store = () => stores.store();
const running: (RunningComponent | RunningSaga)[] = [];
const cat = (p: string) => `${p}${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const categories = { saga: cat('bidding'), wallet: cat('wallet'), auction: cat('auction') };
const wallet = { ...walletFixture, name: `${categories.wallet}C`, category: categories.wallet };
const auction = { ...auctionFixture, name: `${categories.auction}C`, category: categories.auction };

beforeAll(async () => {
  running.push(await runComponent(wallet, { store: store() }), await runComponent(auction, { store: store() }));
});
afterAll(async () => {
  for (const r of running) await r.stop();
});

const sagaEvents = async (category: string, sagaId: string) => {
  const out: Recorded[] = [];
  for await (const m of store().readStream(streamNames.entity(category, sagaId))) out.push(m);
  return out;
};
const statusesOf = (events: Recorded[]) =>
  events.map((e) => (e.type === 'SagaStepStarted' || e.type === 'SagaStepSucceeded' ? `${e.type}:${e.data.step}:${e.data.direction}` : e.type));

async function submit(def: ReturnType<typeof biddingFixture>, amount: number, deposit: number) {
  const walletId = randomUUID();
  const bidId = randomUUID();
  const userId = randomUUID();
  await store().append(streamNames.command(categories.wallet, walletId), [{ type: 'DepositFunds', data: { walletId, amount: deposit, currency: 'EUR' } }]);
  const trigger = await store().append(streamNames.command(def.category, bidId), [
    { type: 'SubmitBid', data: { auctionId: randomUUID(), bidId, bidderId: userId, walletId, amount, currency: 'EUR' }, metadata: { userId } },
  ]);
  return { walletId, bidId, userId, trigger };
}

describe('runSaga', () => {
  it('runs every step to SAGA_SUCCEEDED, carrying correlation and user to every command', async () => {
    const def = biddingFixture(categories);
    const saga = await runSaga(def, { store: store() });
    running.push(saga);
    const { walletId, bidId, userId } = await submit(def, 700, 1000);
    await expect.poll(async () => statusesOf(await sagaEvents(def.category, bidId)).at(-1), { timeout: 10_000 }).toBe('SagaSucceeded');
    const events = await sagaEvents(def.category, bidId);
    expect(statusesOf(events)).toEqual([
      'SagaInitiated',
      'SagaStepStarted:reserveFunds:up',
      'SagaStepSucceeded:reserveFunds:up',
      'SagaStepStarted:placeBid:up',
      'SagaStepSucceeded:placeBid:up',
      'SagaSucceeded',
    ]);
    const correlationId = events[0]?.metadata.correlationId;
    expect(events.every((e) => e.metadata.correlationId === correlationId && e.metadata.userId === userId)).toBe(true);
    const walletEvents: Recorded[] = [];
    for await (const m of store().readStream(streamNames.entity(categories.wallet, walletId))) walletEvents.push(m);
    const reserved = walletEvents.find((e) => e.type === 'FundsReserved');
    expect(reserved?.metadata).toMatchObject({ correlationId, userId, replyTo: streamNames.entity(def.category, bidId) });
    expect((await loadEntity(store(), wallet, walletId)).state.reserved).toEqual({ [(reserved?.data as { reservationId: string }).reservationId]: 700 });
  });

  it('rolls back after a rejected bid: releases the reservation, SAGA_ROLLBACK_SUCCEEDED', async () => {
    const def = biddingFixture(categories);
    const { walletId, bidId } = await submit(def, 1500, 2000);
    await expect.poll(async () => statusesOf(await sagaEvents(def.category, bidId)).at(-1), { timeout: 10_000 }).toBe('SagaRollbackSucceeded');
    expect(statusesOf(await sagaEvents(def.category, bidId))).toEqual([
      'SagaInitiated',
      'SagaStepStarted:reserveFunds:up',
      'SagaStepSucceeded:reserveFunds:up',
      'SagaStepStarted:placeBid:up',
      'SagaFailed',
      'SagaRollbackInitiated',
      'SagaStepStarted:reserveFunds:down',
      'SagaStepSucceeded:reserveFunds:down',
      'SagaRollbackSucceeded',
    ]);
    expect((await loadEntity(store(), wallet, walletId)).state.reserved).toEqual({});
  });

  it('rolls back with nothing to compensate when funds are insufficient', async () => {
    const def = biddingFixture(categories);
    const { bidId } = await submit(def, 900, 100);
    await expect.poll(async () => statusesOf(await sagaEvents(def.category, bidId)).at(-1), { timeout: 10_000 }).toBe('SagaRollbackSucceeded');
    const events = await sagaEvents(def.category, bidId);
    expect(statusesOf(events)).toEqual(['SagaInitiated', 'SagaStepStarted:reserveFunds:up', 'SagaFailed', 'SagaRollbackInitiated', 'SagaRollbackSucceeded']);
    expect(events[2]?.data).toMatchObject({ step: 'reserveFunds', reason: 'FundsReservationRejected: INSUFFICIENT_FUNDS' });
  });

  it('a failing compensation is terminal SAGA_ROLLBACK_FAILED, never success', async () => {
    const broken = { saga: cat('broken'), wallet: categories.wallet, auction: categories.auction };
    const def = biddingFixture(broken, true);
    const saga = await runSaga(def, { store: store() });
    running.push(saga);
    const { bidId } = await submit(def, 1500, 2000);
    await expect.poll(async () => statusesOf(await sagaEvents(def.category, bidId)).at(-1), { timeout: 10_000 }).toBe('SagaRollbackFailed');
    const types = statusesOf(await sagaEvents(def.category, bidId));
    expect(types).not.toContain('SagaRollbackSucceeded');
    expect(types.slice(-3)).toEqual(['SagaRollbackInitiated', 'SagaStepStarted:reserveFunds:down', 'SagaRollbackFailed']);
  });

  it('survives a restart: state is the fold of its stream, nothing is sent twice', async () => {
    const def = { ...biddingFixture(categories), name: `${categories.saga}Restart` };
    const first = await runSaga(def, { store: store() });
    const { bidId } = await submit(def, 300, 1000);
    await expect.poll(async () => statusesOf(await sagaEvents(def.category, bidId)).length, { timeout: 10_000 }).toBeGreaterThan(1);
    await first.stop();
    const second = await runSaga(def, { store: store() });
    running.push(second);
    await expect.poll(async () => statusesOf(await sagaEvents(def.category, bidId)).at(-1), { timeout: 10_000 }).toBe('SagaSucceeded');
    const events = await sagaEvents(def.category, bidId);
    expect(events.filter((e) => e.type === 'SagaStepStarted')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'SagaInitiated')).toHaveLength(1);
  });
});
