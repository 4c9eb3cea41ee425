import { randomUUID } from 'node:crypto';
import type { Recorded } from '@causeway/runtime';
import { describe, expect, it } from 'vitest';
import { settlementPolicy } from './settlementPolicy.ts';

const event = (type: string, data: unknown) =>
  ({ id: randomUUID(), type, data, metadata: { correlationId: randomUUID(), causationId: randomUUID(), schema: '' } }) as unknown as Recorded;
const handle = (type: keyof typeof settlementPolicy.handlers, data: unknown) =>
  (settlementPolicy.handlers[type] as (e: Recorded) => readonly { category: string; id: string; command: { type: string; data: unknown } }[])(
    event(type, data),
  );

describe('settlement policy', () => {
  const auctionId = randomUUID();
  const loser = randomUUID();
  const winner = randomUUID();
  const reservationId = randomUUID();
  const base = { auctionId, bidId: randomUUID(), currency: 'EUR', placedAt: '2026-01-01T00:00:00Z' };

  it('releases the outbid bidder’s reservation', () => {
    expect(
      handle('BidPlaced', { ...base, bidderId: winner, amount: 200, outbid: { bidId: randomUUID(), bidderId: loser, amount: 100, reservationId } }),
    ).toEqual([{ category: 'wallet', id: loser, command: { type: 'ReleaseFunds', data: { walletId: loser, reservationId } } }]);
  });

  it('sends nothing for a first bid, or an outbid bid without a reservation', () => {
    expect(handle('BidPlaced', { ...base, bidderId: winner, amount: 200 })).toEqual([]);
    expect(handle('BidPlaced', { ...base, bidderId: winner, amount: 200, outbid: { bidId: randomUUID(), bidderId: loser, amount: 100 } })).toEqual([]);
  });

  it('releases a retracted bid’s reservation', () => {
    expect(handle('BidRetracted', { auctionId, bidId: randomUUID(), bidderId: loser, reservationId, retractedAt: base.placedAt })).toEqual([
      { category: 'wallet', id: loser, command: { type: 'ReleaseFunds', data: { walletId: loser, reservationId } } },
    ]);
  });

  it('captures the winner’s reservation when the auction closes, and nothing when nobody bid', () => {
    expect(
      handle('AuctionClosed', {
        auctionId,
        closedAt: base.placedAt,
        currency: 'EUR',
        winningBid: { bidId: randomUUID(), bidderId: winner, amount: 200, reservationId },
      }),
    ).toEqual([{ category: 'wallet', id: winner, command: { type: 'CaptureFunds', data: { walletId: winner, reservationId } } }]);
    expect(handle('AuctionClosed', { auctionId, closedAt: base.placedAt, currency: 'EUR', winningBid: null })).toEqual([]);
  });

  it('captures for the seller, and credits the seller once the capture stands: the price moves, it does not vanish', () => {
    const seller = randomUUID();
    expect(
      handle('AuctionClosed', {
        auctionId,
        sellerId: seller,
        closedAt: base.placedAt,
        currency: 'EUR',
        winningBid: { bidId: randomUUID(), bidderId: winner, amount: 200, reservationId },
      }),
    ).toEqual([{ category: 'wallet', id: winner, command: { type: 'CaptureFunds', data: { walletId: winner, reservationId, payeeWalletId: seller } } }]);
    expect(handle('FundsCaptured', { walletId: winner, reservationId, amount: 200, currency: 'EUR', balance: 800, payeeWalletId: seller })).toEqual([
      {
        category: 'wallet',
        id: seller,
        command: { type: 'CreditFunds', data: { walletId: seller, amount: 200, currency: 'EUR', sourceWalletId: winner, reservationId } },
      },
    ]);
    // A capture for nobody (an older auction) credits nobody.
    expect(handle('FundsCaptured', { walletId: winner, reservationId, amount: 200, currency: 'EUR', balance: 800 })).toEqual([]);
  });
});
