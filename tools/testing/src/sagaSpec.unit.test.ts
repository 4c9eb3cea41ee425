import { randomUUID } from 'node:crypto';
import { biddingFixture } from '@causeway/runtime/testing';
import { describe, expect, it } from 'vitest';
import { sagaSpec } from './sagaSpec.ts';

const categories = { saga: 'bidding', wallet: 'wallet', auction: 'auction' };
const input = { auctionId: randomUUID(), bidId: randomUUID(), bidderId: randomUUID(), walletId: randomUUID(), amount: 1200, currency: 'EUR' };
const reserved = {
  type: 'FundsReserved' as const,
  data: { walletId: input.walletId, reservationId: randomUUID(), amount: 1200, currency: 'EUR', available: 0 },
};
const placed = {
  type: 'BidPlaced' as const,
  data: { auctionId: input.auctionId, bidId: input.bidId, bidderId: input.bidderId, amount: 1200, currency: 'EUR', placedAt: '2026-01-01T12:00:00Z' },
};
const rejected = {
  type: 'BidRejected' as const,
  data: {
    auctionId: input.auctionId,
    bidId: input.bidId,
    bidderId: input.bidderId,
    command: 'PlaceBid' as const,
    reason: 'AUCTION_CLOSED' as const,
    rejectedAt: '2026-01-01T12:00:00Z',
  },
};
const noFunds = {
  type: 'FundsReservationRejected' as const,
  data: { walletId: input.walletId, reservationId: randomUUID(), operation: 'reserve' as const, reason: 'INSUFFICIENT_FUNDS' as const, available: 10 },
};
const released = {
  type: 'FundsReleased' as const,
  data: { walletId: input.walletId, reservationId: randomUUID(), amount: 1200, currency: 'EUR', available: 1200 },
};
const releaseRefused = {
  type: 'FundsReservationRejected' as const,
  data: { ...noFunds.data, operation: 'release' as const, reason: 'UNKNOWN_RESERVATION' as const },
};

describe('sagaSpec', () => {
  const spec = sagaSpec(biddingFixture(categories));

  it('success: reserve, then place', () =>
    spec
      .given(input)
      .when(reserved, placed)
      .then({
        sent: [
          { type: 'ReserveFunds', data: { walletId: input.walletId, amount: 1200 } },
          { type: 'PlaceBid', data: { bidId: input.bidId, amount: 1200 } },
        ],
        statuses: ['SAGA_INITIATED', 'SAGA_SUCCEEDED'],
      }));

  it('rollback after a rejected bid releases the funds', () =>
    spec
      .given(input)
      .when(reserved, rejected, released)
      .then({
        sent: [{ type: 'ReserveFunds' }, { type: 'PlaceBid' }, { type: 'ReleaseFunds', data: { walletId: input.walletId } }],
        statuses: ['SAGA_INITIATED', 'SAGA_FAILED', 'SAGA_ROLLBACK_INITIATED', 'SAGA_ROLLBACK_SUCCEEDED'],
      }));

  it('rollback after insufficient funds compensates nothing', () =>
    spec
      .given(input)
      .when(noFunds)
      .then({
        sent: [{ type: 'ReserveFunds' }],
        statuses: ['SAGA_INITIATED', 'SAGA_FAILED', 'SAGA_ROLLBACK_INITIATED', 'SAGA_ROLLBACK_SUCCEEDED'],
      }));

  it('a failing compensation ends in SAGA_ROLLBACK_FAILED', () =>
    spec
      .given(input)
      .when(reserved, rejected, releaseRefused)
      .then({
        sent: [{ type: 'ReserveFunds' }, { type: 'PlaceBid' }, { type: 'ReleaseFunds' }],
        statuses: ['SAGA_INITIATED', 'SAGA_FAILED', 'SAGA_ROLLBACK_INITIATED', 'SAGA_ROLLBACK_FAILED'],
      }));

  it('fails readably on other statuses, and refuses an outcome no step waits for', async () => {
    await expect(
      spec
        .given(input)
        .when(reserved, placed)
        .then({ statuses: ['SAGA_INITIATED', 'SAGA_FAILED'] }),
    ).rejects.toThrow(/recorded other statuses[\s\S]*SAGA_SUCCEEDED/);
    await expect(spec.given(input).when(placed).then({})).rejects.toThrow('BidPlaced is not an outcome of step reserveFunds (up)');
  });
});
