import { randomUUID } from 'node:crypto';
import { componentSpec, pure } from '@causeway/testing';
import { describe, it } from 'vitest';
import { auctions } from './auctions.ts';
import { auctionsSpecs, FUTURE } from './auctionsSpecs.ts';

describe('auctions, pure', () => {
  for (const [name, run] of Object.entries(auctionsSpecs(pure))) it(name, run);
});

// Time stamps and the closing instant need a chosen command time, which only a pure spec can set.
describe('auctions, command time', () => {
  const spec = componentSpec(auctions);
  const auctionId = randomUUID();
  const bidderId = randomUUID();
  const terms = { auctionId, sellerId: randomUUID(), lotId: randomUUID(), title: 'Clock', startingPrice: 100, minimumIncrement: 10, currency: 'EUR' };
  const closesAt = '2026-03-01T18:00:00.000Z';
  const opened = { type: 'AuctionOpened' as const, data: { ...terms, closesAt, openedAt: '2026-03-01T10:00:00.000Z' } };
  const bid = { type: 'PlaceBid' as const, data: { auctionId, bidId: randomUUID(), bidderId, amount: 100, currency: 'EUR' } };

  it('stamps openedAt, placedAt, rejectedAt and closedAt with the command time, never the clock', async () => {
    const at = new Date('2026-03-01T11:00:00.000Z');
    await spec
      .given([])
      .when({ type: 'OpenAuction', data: { ...terms, closesAt }, at })
      .then([{ type: 'AuctionOpened', data: { openedAt: at.toISOString() } }]);
    await spec
      .given([opened])
      .when({ ...bid, at })
      .then([{ type: 'BidPlaced', data: { placedAt: at.toISOString() } }]);
    await spec
      .given([opened])
      .when({ ...bid, data: { ...bid.data, amount: 1 }, at })
      .thenRejected('BidRejected', { rejectedAt: at.toISOString() });
    await spec
      .given([opened])
      .when({ type: 'CloseAuction', data: { auctionId }, at })
      .then([{ type: 'AuctionClosed', data: { closedAt: at.toISOString() } }]);
  });

  it('accepts a bid one millisecond before closesAt and refuses one at closesAt', async () => {
    const closing = Date.parse(closesAt);
    await spec
      .given([opened])
      .when({ ...bid, at: new Date(closing - 1) })
      .then([{ type: 'BidPlaced' }]);
    await spec
      .given([opened])
      .when({ ...bid, at: new Date(closing) })
      .thenRejected('BidRejected', { reason: 'AUCTION_CLOSED' });
  });

  it('lets an operator close an auction before its closing time', () =>
    spec
      .given([{ ...opened, data: { ...opened.data, closesAt: FUTURE } }])
      .when({ type: 'CloseAuction', data: { auctionId }, at: new Date('2026-03-01T12:00:00.000Z') })
      .then([{ type: 'AuctionClosed' }]));
});
