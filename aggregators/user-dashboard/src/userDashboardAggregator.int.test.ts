import { randomUUID } from 'node:crypto';
import { aggregatorSpec } from '@causeway/testing';
import { describe, it } from 'vitest';
import { userDashboardAggregator } from './userDashboardAggregator.ts';

const [ann, ben] = [randomUUID(), randomUUID()];
const auctionId = randomUUID();
const [b1, b2] = [randomUUID(), randomUUID()];
const [r1, r2] = [randomUUID(), randomUUID()];
const w = (userId: string) => `wallet-${userId}`;
const a = `auction-${auctionId}`;

describe('user dashboard aggregator', () => {
  it('tracks balance, reserved and available funds and the state of each of the user’s bids', () =>
    aggregatorSpec(userDashboardAggregator)
      .given([
        {
          stream: `identity-${randomUUID()}`,
          type: 'UserRegistered',
          data: {
            userId: ann,
            email: 'ann@x.io',
            normalizedEmail: 'ann@x.io',
            displayName: 'Ann',
            passwordHash: `scrypt$${'a'.repeat(40)}`,
            registeredAt: '2026-01-01T00:00:00Z',
          },
        },
        { stream: w(ann), type: 'FundsDeposited', data: { walletId: ann, amount: 1000, currency: 'EUR', balance: 1000 } },
        { stream: w(ben), type: 'FundsDeposited', data: { walletId: ben, amount: 500, currency: 'EUR', balance: 500 } },
        { stream: w(ann), type: 'FundsReserved', data: { walletId: ann, reservationId: r1, amount: 100, currency: 'EUR', available: 900 } },
        {
          stream: a,
          type: 'BidPlaced',
          data: { auctionId, bidId: b1, bidderId: ann, amount: 100, currency: 'EUR', placedAt: '2026-01-02T00:00:00Z', reservationId: r1 },
        },
        { stream: w(ben), type: 'FundsReserved', data: { walletId: ben, reservationId: r2, amount: 150, currency: 'EUR', available: 350 } },
        {
          stream: a,
          type: 'BidPlaced',
          data: {
            auctionId,
            bidId: b2,
            bidderId: ben,
            amount: 150,
            currency: 'EUR',
            placedAt: '2026-01-02T00:01:00Z',
            reservationId: r2,
            outbid: { bidId: b1, bidderId: ann, amount: 100, reservationId: r1 },
          },
        },
        { stream: w(ann), type: 'FundsReleased', data: { walletId: ann, reservationId: r1, amount: 100, currency: 'EUR', available: 1000 } },
        {
          stream: a,
          type: 'AuctionClosed',
          data: { auctionId, closedAt: '2026-02-01T00:00:00Z', currency: 'EUR', winningBid: { bidId: b2, bidderId: ben, amount: 150, reservationId: r2 } },
        },
        { stream: w(ben), type: 'FundsCaptured', data: { walletId: ben, reservationId: r2, amount: 150, currency: 'EUR', balance: 350 } },
      ])
      .then({
        dashboards: [
          {
            _id: ann,
            displayName: 'Ann',
            funds: { EUR: { balance: 1000, reserved: 0, available: 1000 } },
            bids: { [b1]: { auctionId, amount: 100, state: 'outbid' } },
          },
          { _id: ben, funds: { EUR: { balance: 350, reserved: 0, available: 350 } }, bids: { [b2]: { auctionId, amount: 150, state: 'won' } } },
        ],
      }));

  it('a bidder outbidding themselves, then retracting, leaves the earlier bid leading', () =>
    aggregatorSpec(userDashboardAggregator)
      .given([
        { stream: a, type: 'BidPlaced', data: { auctionId, bidId: b1, bidderId: ann, amount: 100, currency: 'EUR', placedAt: '2026-01-02T00:00:00Z' } },
        {
          stream: a,
          type: 'BidPlaced',
          data: {
            auctionId,
            bidId: b2,
            bidderId: ann,
            amount: 150,
            currency: 'EUR',
            placedAt: '2026-01-02T00:01:00Z',
            outbid: { bidId: b1, bidderId: ann, amount: 100 },
          },
        },
        {
          stream: a,
          type: 'BidRetracted',
          data: { auctionId, bidId: b2, bidderId: ann, retractedAt: '2026-01-03T00:00:00Z', leadingBid: { bidId: b1, bidderId: ann, amount: 100 } },
        },
      ])
      .then({ dashboards: [{ _id: ann, bids: { [b1]: { state: 'leading' }, [b2]: { state: 'retracted' } } }] }));
  it('adds a sale’s proceeds (FundsCredited) to the seller’s balance and available funds', () => {
    const seller = randomUUID();
    return aggregatorSpec(userDashboardAggregator)
      .given([
        { stream: w(seller), type: 'FundsDeposited', data: { walletId: seller, amount: 50, currency: 'EUR', balance: 50 } },
        {
          stream: w(seller),
          type: 'FundsCredited',
          data: { walletId: seller, amount: 130, currency: 'EUR', balance: 180, sourceWalletId: ann, reservationId: r1 },
        },
      ])
      .then({ dashboards: [{ _id: seller, funds: { EUR: { balance: 180, available: 180 } } }] });
  });

  it('tells a bidder they were outbid by someone else, the winner they won and the seller what it sold for, or that nobody bid', () => {
    const seller = randomUUID();
    const unsold = randomUUID();
    const [outbidBy, closed, closedEmpty] = [randomUUID(), randomUUID(), randomUUID()];
    return aggregatorSpec(userDashboardAggregator)
      .given([
        { stream: a, type: 'BidPlaced', data: { auctionId, bidId: b1, bidderId: ann, amount: 100, currency: 'EUR', placedAt: '2026-01-02T00:00:00Z' } },
        {
          stream: a,
          id: outbidBy,
          type: 'BidPlaced',
          data: {
            auctionId,
            bidId: b2,
            bidderId: ben,
            amount: 150,
            currency: 'EUR',
            placedAt: '2026-01-02T00:01:00Z',
            outbid: { bidId: b1, bidderId: ann, amount: 100 },
          },
        },
        {
          stream: a,
          id: closed,
          type: 'AuctionClosed',
          data: { auctionId, sellerId: seller, closedAt: '2026-02-01T00:00:00Z', currency: 'EUR', winningBid: { bidId: b2, bidderId: ben, amount: 150 } },
        },
        {
          stream: `auction-${unsold}`,
          id: closedEmpty,
          type: 'AuctionClosed',
          data: { auctionId: unsold, sellerId: seller, closedAt: '2026-02-02T00:00:00Z', currency: 'EUR', winningBid: null },
        },
      ])
      .then({
        dashboards: [
          { _id: ann, notices: { [outbidBy]: { kind: 'outbid', auctionId, amount: 150, currency: 'EUR', at: '2026-01-02T00:01:00Z' } } },
          { _id: ben, notices: { [closed]: { kind: 'won', auctionId, amount: 150, currency: 'EUR', at: '2026-02-01T00:00:00Z' } } },
          {
            _id: seller,
            notices: {
              [closed]: { kind: 'sold', auctionId, amount: 150, currency: 'EUR' },
              [closedEmpty]: { kind: 'unsold', auctionId: unsold, currency: 'EUR', at: '2026-02-02T00:00:00Z' },
            },
          },
        ],
      });
  });

  it('a bidder who outbids themselves is told nothing', () =>
    aggregatorSpec(userDashboardAggregator)
      .given([
        { stream: a, type: 'BidPlaced', data: { auctionId, bidId: b1, bidderId: ann, amount: 100, currency: 'EUR', placedAt: '2026-01-02T00:00:00Z' } },
        {
          stream: a,
          type: 'BidPlaced',
          data: {
            auctionId,
            bidId: b2,
            bidderId: ann,
            amount: 150,
            currency: 'EUR',
            placedAt: '2026-01-02T00:01:00Z',
            outbid: { bidId: b1, bidderId: ann, amount: 100 },
          },
        },
      ])
      .then({ dashboards: [{ _id: ann, notices: undefined }] }));

  it('records why a command of the user was refused, by the command it answers (the chain’s correlation id)', () => {
    const [poor, low, closed] = [randomUUID(), randomUUID(), randomUUID()];
    return aggregatorSpec(userDashboardAggregator)
      .given([
        {
          stream: w(ann),
          type: 'FundsReservationRejected',
          metadata: { correlationId: poor },
          data: { walletId: ann, reservationId: r1, operation: 'reserve', reason: 'INSUFFICIENT_FUNDS', amount: 9000, currency: 'EUR', available: 5000 },
        },
        {
          stream: a,
          type: 'BidRejected',
          metadata: { correlationId: low },
          data: {
            auctionId,
            bidId: b1,
            bidderId: ann,
            command: 'PlaceBid',
            reason: 'INCREMENT_TOO_SMALL',
            amount: 1250,
            currency: 'EUR',
            minimumAcceptable: 1300,
            rejectedAt: '2026-01-02T00:00:00Z',
          },
        },
        {
          stream: a,
          type: 'BidRejected',
          metadata: { correlationId: closed },
          data: {
            auctionId,
            bidId: b2,
            bidderId: ann,
            command: 'PlaceBid',
            reason: 'AUCTION_CLOSED',
            amount: 2000,
            currency: 'EUR',
            rejectedAt: '2026-02-02T00:00:00Z',
          },
        },
        // Settlement's own refusals (a release of a settled reservation) answer nobody's command: nothing to tell.
        {
          stream: w(ben),
          type: 'FundsReservationRejected',
          metadata: { correlationId: randomUUID() },
          data: { walletId: ben, reservationId: r2, operation: 'release', reason: 'RESERVATION_SETTLED', currency: 'EUR', available: 0 },
        },
      ])
      .then({
        dashboards: [
          {
            _id: ann,
            rejections: {
              [poor]: { refusedBy: 'wallet', reason: 'INSUFFICIENT_FUNDS', amount: 9000, currency: 'EUR', available: 5000 },
              [low]: { refusedBy: 'auction', reason: 'INCREMENT_TOO_SMALL', auctionId, bidId: b1, amount: 1250, currency: 'EUR', minimumAcceptable: 1300 },
              [closed]: { refusedBy: 'auction', reason: 'AUCTION_CLOSED', bidId: b2 },
            },
          },
        ],
      });
  });
});
