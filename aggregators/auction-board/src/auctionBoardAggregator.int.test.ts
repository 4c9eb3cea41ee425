import { randomUUID } from 'node:crypto';
import { aggregatorSpec } from '@causeway/testing';
import { describe, it } from 'vitest';
import { auctionBoardAggregator } from './auctionBoardAggregator.ts';

const auctionId = randomUUID();
const stream = `auction-${auctionId}`;
const seller = randomUUID();
const [ann, ben] = [randomUUID(), randomUUID()];
const [b1, b2, b3] = [randomUUID(), randomUUID(), randomUUID()];
const opened = {
  stream,
  type: 'AuctionOpened' as const,
  data: {
    auctionId,
    sellerId: seller,
    lotId: randomUUID(),
    title: 'Lamp',
    startingPrice: 100,
    minimumIncrement: 10,
    currency: 'EUR',
    closesAt: '2026-02-01T00:00:00Z',
    openedAt: '2026-01-01T00:00:00Z',
  },
};
const placed = (bidId: string, bidderId: string, amount: number, outbid?: { bidId: string; bidderId: string; amount: number }) => ({
  stream,
  type: 'BidPlaced' as const,
  data: { auctionId, bidId, bidderId, amount, currency: 'EUR', placedAt: '2026-01-02T00:00:00Z', ...(outbid ? { outbid } : {}) },
});

describe('auction board aggregator', () => {
  it('lists an open auction with its highest bid and bid count', () =>
    aggregatorSpec(auctionBoardAggregator)
      .given([opened, placed(b1, ann, 100), placed(b2, ben, 120, { bidId: b1, bidderId: ann, amount: 100 })])
      .then({ auctions: [{ _id: auctionId, status: 'open', title: 'Lamp', highestBid: { bidId: b2, bidderId: ben, amount: 120 }, bidCount: 2 }] }));

  it('a retraction of the highest bid restores the next one; of another bid only lowers the count', () =>
    aggregatorSpec(auctionBoardAggregator)
      .given([
        opened,
        placed(b1, ann, 100),
        placed(b2, ben, 120, { bidId: b1, bidderId: ann, amount: 100 }),
        placed(b3, ann, 140, { bidId: b2, bidderId: ben, amount: 120 }),
        {
          stream,
          type: 'BidRetracted',
          data: { auctionId, bidId: b3, bidderId: ann, retractedAt: '2026-01-03T00:00:00Z', leadingBid: { bidId: b2, bidderId: ben, amount: 120 } },
        },
        { stream, type: 'BidRetracted', data: { auctionId, bidId: b1, bidderId: ann, retractedAt: '2026-01-03T00:00:00Z' } },
      ])
      .then({ auctions: [{ _id: auctionId, highestBid: { bidId: b2, bidderId: ben, amount: 120 }, bidCount: 1 }] }));

  it('shows a closed auction with its winner, or none', () => {
    const empty = randomUUID();
    return aggregatorSpec(auctionBoardAggregator)
      .given([
        opened,
        placed(b1, ann, 100),
        {
          stream,
          type: 'AuctionClosed',
          data: { auctionId, closedAt: '2026-02-01T00:00:00Z', currency: 'EUR', winningBid: { bidId: b1, bidderId: ann, amount: 100 } },
        },
        { ...opened, stream: `auction-${empty}`, data: { ...opened.data, auctionId: empty } },
        { stream: `auction-${empty}`, type: 'AuctionClosed', data: { auctionId: empty, closedAt: '2026-02-01T00:00:00Z', currency: 'EUR', winningBid: null } },
      ])
      .then({
        auctions: [
          { _id: auctionId, status: 'closed', winningBid: { bidId: b1, bidderId: ann, amount: 100 }, bidCount: 1 },
          { _id: empty, status: 'closed', winningBid: null, highestBid: null, bidCount: 0 },
        ],
      });
  });
});
