import { randomUUID } from 'node:crypto';
import { aggregatorSpec } from '@causeway/testing';
import { describe, it } from 'vitest';
import { auctionDetailAggregator } from './auctionDetailAggregator.ts';

const auctionId = randomUUID();
const stream = `auction-${auctionId}`;
const [ann, ben] = [randomUUID(), randomUUID()];
const [b1, b2, b3] = [randomUUID(), randomUUID(), randomUUID()];
const placed = (bidId: string, bidderId: string, amount: number, outbid?: { bidId: string; bidderId: string; amount: number }) => ({
  stream,
  type: 'BidPlaced' as const,
  data: { auctionId, bidId, bidderId, amount, currency: 'EUR', placedAt: '2026-01-02T00:00:00Z', ...(outbid ? { outbid } : {}) },
});

describe('auction detail aggregator', () => {
  it('keeps the bid history with each bid’s state through outbids, a retraction and the close', () =>
    aggregatorSpec(auctionDetailAggregator)
      .given([
        {
          stream,
          type: 'AuctionOpened',
          data: {
            auctionId,
            sellerId: randomUUID(),
            lotId: randomUUID(),
            title: 'Clock',
            startingPrice: 50,
            minimumIncrement: 5,
            currency: 'EUR',
            closesAt: '2026-02-01T00:00:00Z',
            openedAt: '2026-01-01T00:00:00Z',
          },
        },
        placed(b1, ann, 50),
        placed(b2, ben, 60, { bidId: b1, bidderId: ann, amount: 50 }),
        placed(b3, ann, 70, { bidId: b2, bidderId: ben, amount: 60 }),
        {
          stream,
          type: 'BidRetracted',
          data: { auctionId, bidId: b3, bidderId: ann, retractedAt: '2026-01-03T00:00:00Z', leadingBid: { bidId: b2, bidderId: ben, amount: 60 } },
        },
        {
          stream,
          type: 'AuctionClosed',
          data: { auctionId, closedAt: '2026-02-01T00:00:00Z', currency: 'EUR', winningBid: { bidId: b2, bidderId: ben, amount: 60 } },
        },
      ])
      .then({
        auction_details: [
          {
            _id: auctionId,
            title: 'Clock',
            status: 'closed',
            bids: {
              [b1]: { bidderId: ann, amount: 50, state: 'outbid' },
              [b2]: { bidderId: ben, amount: 60, state: 'won' },
              [b3]: { bidderId: ann, amount: 70, state: 'retracted' },
            },
          },
        ],
      }));
});
