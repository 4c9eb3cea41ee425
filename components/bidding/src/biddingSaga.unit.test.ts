import { randomUUID } from 'node:crypto';
import { sagaSpec } from '@causeway/testing';
import { describe, expect, it } from 'vitest';
import { biddingSaga } from './biddingSaga.ts';

const input = { auctionId: randomUUID(), bidId: randomUUID(), bidderId: randomUUID(), walletId: randomUUID(), amount: 1200, currency: 'EUR' };
const at = '2026-01-01T12:00:00Z';
const reserved = {
  type: 'FundsReserved' as const,
  data: { walletId: input.walletId, reservationId: randomUUID(), amount: 1200, currency: 'EUR', available: 300 },
};
const noFunds = {
  type: 'FundsReservationRejected' as const,
  data: {
    walletId: input.walletId,
    reservationId: randomUUID(),
    operation: 'reserve' as const,
    reason: 'INSUFFICIENT_FUNDS' as const,
    amount: 1200,
    currency: 'EUR',
    available: 50,
  },
};
const placed = {
  type: 'BidPlaced' as const,
  data: { auctionId: input.auctionId, bidId: input.bidId, bidderId: input.bidderId, amount: 1200, currency: 'EUR', placedAt: at },
};
const rejected = {
  type: 'BidRejected' as const,
  data: {
    auctionId: input.auctionId,
    bidId: input.bidId,
    bidderId: input.bidderId,
    command: 'PlaceBid' as const,
    reason: 'INCREMENT_TOO_SMALL' as const,
    rejectedAt: at,
  },
};
const released = {
  type: 'FundsReleased' as const,
  data: { walletId: input.walletId, reservationId: randomUUID(), amount: 1200, currency: 'EUR', available: 1500 },
};
const releaseRefused = {
  type: 'FundsReservationRejected' as const,
  data: { walletId: input.walletId, reservationId: randomUUID(), operation: 'release' as const, reason: 'UNKNOWN_RESERVATION' as const, available: 300 },
};

describe('bidding saga', () => {
  const spec = sagaSpec(biddingSaga);

  it('success: reserves the bidder’s funds, then places the bid with the reservation', () =>
    spec
      .given(input)
      .when(reserved, placed)
      .then({
        sent: [
          { type: 'ReserveFunds', data: { walletId: input.walletId, amount: 1200, currency: 'EUR', auctionId: input.auctionId, bidId: input.bidId } },
          { type: 'PlaceBid', data: { auctionId: input.auctionId, bidId: input.bidId, bidderId: input.bidderId, amount: 1200, currency: 'EUR' } },
        ],
        statuses: ['SAGA_INITIATED', 'SAGA_SUCCEEDED'],
      }));

  it('rollback after a rejected bid: releases the reservation', () =>
    spec
      .given(input)
      .when(reserved, rejected, released)
      .then({
        sent: [{ type: 'ReserveFunds' }, { type: 'PlaceBid' }, { type: 'ReleaseFunds', data: { walletId: input.walletId } }],
        statuses: ['SAGA_INITIATED', 'SAGA_FAILED', 'SAGA_ROLLBACK_INITIATED', 'SAGA_ROLLBACK_SUCCEEDED'],
      }));

  it('rollback after insufficient funds: no bid is placed and nothing needs releasing', async () => {
    await spec
      .given(input)
      .when(noFunds)
      .then({
        sent: [{ type: 'ReserveFunds' }],
        statuses: ['SAGA_INITIATED', 'SAGA_FAILED', 'SAGA_ROLLBACK_INITIATED', 'SAGA_ROLLBACK_SUCCEEDED'],
      });
  });

  it('a failing compensation is terminal SAGA_ROLLBACK_FAILED', () =>
    spec
      .given(input)
      .when(reserved, rejected, releaseRefused)
      .then({
        sent: [{ type: 'ReserveFunds' }, { type: 'PlaceBid' }, { type: 'ReleaseFunds' }],
        statuses: ['SAGA_INITIATED', 'SAGA_FAILED', 'SAGA_ROLLBACK_INITIATED', 'SAGA_ROLLBACK_FAILED'],
      }));

  it('uses one derived reservation for the reserve, the bid and the release', async () => {
    const { reservationIdFor } = await import('./biddingSaga.ts');
    const id = randomUUID();
    expect(reservationIdFor(id)).toBe(reservationIdFor(id));
    expect(reservationIdFor(id)).not.toBe(reservationIdFor(randomUUID()));
  });
});
