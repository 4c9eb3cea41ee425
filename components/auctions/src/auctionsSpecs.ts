import { randomUUID } from 'node:crypto';
import { componentSpec, type SpecMode } from '@causeway/testing';
import { auctions } from './auctions.ts';

/** Far enough ahead for any run; pure specs decide at 2026-01-01, runtime specs at the store's clock. */
export const FUTURE = '2099-01-01T00:00:00.000Z';
/** Before both clocks. */
export const PAST = '2025-06-01T00:00:00.000Z';

/**
 * Every auction rule as a given/when/then spec. One list, run pure
 * (auctions.unit.test.ts) and through the runtime and a real store
 * (auctions.int.test.ts).
 */
export function auctionsSpecs(mode: SpecMode) {
  const spec = componentSpec(auctions, mode);
  const auctionId = randomUUID();
  const sellerId = randomUUID();
  const lotId = randomUUID();
  const alice = randomUUID();
  const bob = randomUUID();
  const carol = randomUUID();
  const [bid1, bid2, bid3] = [randomUUID(), randomUUID(), randomUUID()];
  const [res1, res2, res3] = [randomUUID(), randomUUID(), randomUUID()];

  const terms = { auctionId, sellerId, lotId, title: 'Brass telescope', startingPrice: 1000, minimumIncrement: 100, currency: 'EUR' };
  const opened = (closesAt = FUTURE) => ({ type: 'AuctionOpened' as const, data: { ...terms, closesAt, openedAt: '2025-01-01T00:00:00.000Z' } });
  const placed = (bidId: string, bidderId: string, amount: number, reservationId: string) => ({
    type: 'BidPlaced' as const,
    data: { auctionId, bidId, bidderId, amount, currency: 'EUR', reservationId, placedAt: '2025-01-01T00:01:00.000Z' },
  });
  const retracted = (bidId: string, bidderId: string) => ({
    type: 'BidRetracted' as const,
    data: { auctionId, bidId, bidderId, retractedAt: '2025-01-01T00:02:00.000Z' },
  });
  const closed = () => ({ type: 'AuctionClosed' as const, data: { auctionId, closedAt: '2025-01-01T00:03:00.000Z', currency: 'EUR', winningBid: null } });
  const bidRejected = (bidId: string, bidderId: string) => ({
    type: 'BidRejected' as const,
    data: {
      auctionId,
      bidId,
      bidderId,
      command: 'PlaceBid' as const,
      reason: 'BELOW_STARTING_PRICE' as const,
      amount: 10,
      currency: 'EUR',
      rejectedAt: '2025-01-01T00:01:00.000Z',
    },
  });

  const open = (closesAt = FUTURE) => ({ type: 'OpenAuction' as const, data: { ...terms, closesAt } });
  const bid = (bidId: string, bidderId: string, amount: number, reservationId?: string, currency = 'EUR') => ({
    type: 'PlaceBid' as const,
    data: { auctionId, bidId, bidderId, amount, currency, ...(reservationId ? { reservationId } : {}) },
  });
  const retract = (bidId: string, bidderId: string) => ({ type: 'RetractBid' as const, data: { auctionId, bidId, bidderId } });
  const close = () => ({ type: 'CloseAuction' as const, data: { auctionId } });
  const hasKey = (key: string) => (e: { data: unknown }) => Object.hasOwn(e.data as object, key);

  return {
    // OpenAuction
    'OpenAuction opens the auction with its terms': () =>
      spec
        .given([])
        .when(open())
        .then([{ type: 'AuctionOpened', data: { ...terms, closesAt: FUTURE } }]),
    'OpenAuction on an open auction changes nothing': async () => {
      const when = spec.given([opened()]).when({ ...open(), data: { ...open().data, startingPrice: 5 } });
      await when.thenNothing();
      await when.thenNotEmitted('AuctionOpened');
    },
    'OpenAuction on a closed auction changes nothing': () => spec.given([opened(), closed()]).when(open()).thenNothing(),

    // PlaceBid
    'PlaceBid at the starting price is the first highest bid and outbids nobody': async () => {
      const when = spec.given([opened()]).when(bid(bid1, alice, 1000, res1));
      await when.then([{ type: 'BidPlaced', data: { auctionId, bidId: bid1, bidderId: alice, amount: 1000, currency: 'EUR', reservationId: res1 } }]);
      await when.thenNotEmitted(hasKey('outbid'));
    },
    'PlaceBid beating the highest by the increment outbids it, reservation included': () =>
      spec
        .given([opened(), placed(bid1, alice, 1000, res1)])
        .when(bid(bid2, bob, 1100, res2))
        .then([
          {
            type: 'BidPlaced',
            data: {
              bidId: bid2,
              bidderId: bob,
              amount: 1100,
              reservationId: res2,
              outbid: { bidId: bid1, bidderId: alice, amount: 1000, reservationId: res1 },
            },
          },
        ]),
    'PlaceBid without a reservation is placed without one': () =>
      spec
        .given([opened()])
        .when(bid(bid1, alice, 1500))
        .thenNotEmitted(hasKey('reservationId')),
    'PlaceBid by the highest bidder raises their own bid and outbids it': () =>
      spec
        .given([opened(), placed(bid1, alice, 1000, res1)])
        .when(bid(bid2, alice, 1200, res2))
        .then([{ type: 'BidPlaced', data: { bidderId: alice, amount: 1200, outbid: { bidId: bid1, bidderId: alice, reservationId: res1 } } }]),
    'PlaceBid on an unknown auction is rejected AUCTION_NOT_FOUND, carrying the bid': async () => {
      const when = spec.given([]).when(bid(bid1, alice, 1000, res1));
      await when.thenRejected('BidRejected', {
        auctionId,
        bidId: bid1,
        bidderId: alice,
        command: 'PlaceBid',
        reason: 'AUCTION_NOT_FOUND',
        amount: 1000,
        currency: 'EUR',
        reservationId: res1,
      });
      await when.thenNotEmitted('BidPlaced');
    },
    'PlaceBid on a closed auction is rejected AUCTION_CLOSED': async () => {
      const when = spec.given([opened(), closed()]).when(bid(bid1, alice, 5000, res1));
      await when.thenRejected('BidRejected', { reason: 'AUCTION_CLOSED', amount: 5000, reservationId: res1 });
      await when.thenNotEmitted('BidPlaced');
    },
    'PlaceBid after the closing time is rejected AUCTION_CLOSED even before the auction is closed': async () => {
      const when = spec.given([opened(PAST)]).when(bid(bid1, alice, 5000, res1));
      await when.thenRejected('BidRejected', { reason: 'AUCTION_CLOSED' });
      await when.thenNotEmitted('BidPlaced');
    },
    'PlaceBid by the seller is rejected SELLER_CANNOT_BID': async () => {
      const when = spec.given([opened()]).when(bid(bid1, sellerId, 5000, res1));
      await when.thenRejected('BidRejected', { bidderId: sellerId, reason: 'SELLER_CANNOT_BID', amount: 5000 });
      await when.thenNotEmitted('BidPlaced');
    },
    'PlaceBid in another currency is rejected CURRENCY_MISMATCH': async () => {
      const when = spec.given([opened()]).when(bid(bid1, alice, 5000, res1, 'USD'));
      await when.thenRejected('BidRejected', { reason: 'CURRENCY_MISMATCH', amount: 5000, currency: 'USD' });
      await when.thenNotEmitted('BidPlaced');
    },
    'PlaceBid below the starting price is rejected BELOW_STARTING_PRICE with the minimum acceptable': async () => {
      const when = spec.given([opened()]).when(bid(bid1, alice, 999, res1));
      await when.thenRejected('BidRejected', { reason: 'BELOW_STARTING_PRICE', amount: 999, minimumAcceptable: 1000 });
      await when.thenNotEmitted('BidPlaced');
    },
    'PlaceBid not beating the highest by the increment is rejected INCREMENT_TOO_SMALL with the minimum acceptable': async () => {
      const when = spec.given([opened(), placed(bid1, alice, 1000, res1)]).when(bid(bid2, bob, 1099, res2));
      await when.thenRejected('BidRejected', { bidId: bid2, reason: 'INCREMENT_TOO_SMALL', amount: 1099, reservationId: res2, minimumAcceptable: 1100 });
      await when.thenNotEmitted('BidPlaced');
    },
    'PlaceBid equal to the highest is INCREMENT_TOO_SMALL': () =>
      spec
        .given([opened(), placed(bid1, alice, 1000, res1)])
        .when(bid(bid2, bob, 1000, res2))
        .thenRejected('BidRejected', { reason: 'INCREMENT_TOO_SMALL', minimumAcceptable: 1100 }),
    'PlaceBid against a highest bid near 2^53-1 is INCREMENT_TOO_SMALL without an impossible minimum': async () => {
      const when = spec.given([opened(), placed(bid1, alice, Number.MAX_SAFE_INTEGER - 5, res1)]).when(bid(bid2, bob, Number.MAX_SAFE_INTEGER, res2));
      await when.thenRejected('BidRejected', { reason: 'INCREMENT_TOO_SMALL', amount: Number.MAX_SAFE_INTEGER });
      await when.thenNotEmitted(hasKey('minimumAcceptable'));
    },
    'PlaceBid with the id of a placed bid is rejected DUPLICATE_BID': async () => {
      const when = spec.given([opened(), placed(bid1, alice, 1000, res1)]).when(bid(bid1, alice, 2000, res2));
      await when.thenRejected('BidRejected', { bidId: bid1, reason: 'DUPLICATE_BID', amount: 2000, reservationId: res2 });
      await when.thenNotEmitted('BidPlaced');
    },
    'PlaceBid with the id of a refused bid is rejected DUPLICATE_BID': () =>
      spec
        .given([opened(), bidRejected(bid1, alice)])
        .when(bid(bid1, alice, 2000, res1))
        .thenRejected('BidRejected', { reason: 'DUPLICATE_BID' }),
    'PlaceBid after the leader retracted only has to beat the bid that leads again': () =>
      spec
        .given([opened(), placed(bid1, alice, 1000, res1), placed(bid2, bob, 1500, res2), retracted(bid2, bob)])
        .when(bid(bid3, carol, 1100, res3))
        .then([{ type: 'BidPlaced', data: { bidId: bid3, amount: 1100, outbid: { bidId: bid1, bidderId: alice, amount: 1000 } } }]),
    'PlaceBid after every bid was retracted must meet the starting price again': () =>
      spec
        .given([opened(), placed(bid1, alice, 1000, res1), retracted(bid1, alice)])
        .when(bid(bid2, bob, 900, res2))
        .thenRejected('BidRejected', { reason: 'BELOW_STARTING_PRICE' }),

    // RetractBid
    'RetractBid of the leading bid lets the next highest lead again': async () => {
      const when = spec.given([opened(), placed(bid1, alice, 1000, res1), placed(bid2, bob, 1100, res2)]).when(retract(bid2, bob));
      await when.then([
        {
          type: 'BidRetracted',
          data: { auctionId, bidId: bid2, bidderId: bob, reservationId: res2, leadingBid: { bidId: bid1, bidderId: alice, amount: 1000, reservationId: res1 } },
        },
      ]);
      await when.thenNotEmitted('BidRejected');
    },
    'a bid outbid with a reservation (released by settlement) no longer stands: retracting the leader leaves nobody leading': async () => {
      const outbidding = {
        ...placed(bid2, bob, 1100, res2),
        data: { ...placed(bid2, bob, 1100, res2).data, outbid: { bidId: bid1, bidderId: alice, amount: 1000, reservationId: res1 } },
      };
      const when = spec.given([opened(), placed(bid1, alice, 1000, res1), outbidding]).when(retract(bid2, bob));
      await when.then([{ type: 'BidRetracted', data: { bidId: bid2, leadingBid: null } }]);
      await when.thenNotEmitted((e) => JSON.stringify(e.data).includes(bid1));
    },
    'RetractBid of a bid whose reservation was released by an outbid is BID_NOT_FOUND': () => {
      const outbidding = {
        ...placed(bid2, bob, 1100, res2),
        data: { ...placed(bid2, bob, 1100, res2).data, outbid: { bidId: bid1, bidderId: alice, amount: 1000, reservationId: res1 } },
      };
      return spec
        .given([opened(), placed(bid1, alice, 1000, res1), outbidding])
        .when(retract(bid1, alice))
        .thenRejected('BidRejected', { reason: 'BID_NOT_FOUND' });
    },
    'RetractBid of the only bid leaves nobody leading': () =>
      spec
        .given([opened(), placed(bid1, alice, 1000, res1)])
        .when(retract(bid1, alice))
        .then([{ type: 'BidRetracted', data: { bidId: bid1, leadingBid: null } }]),
    'RetractBid of a bid that does not lead leaves the lead alone': async () => {
      const when = spec.given([opened(), placed(bid1, alice, 1000, res1), placed(bid2, bob, 1100, res2)]).when(retract(bid1, alice));
      await when.then([{ type: 'BidRetracted', data: { bidId: bid1, reservationId: res1 } }]);
      await when.thenNotEmitted(hasKey('leadingBid'));
    },
    'RetractBid of an unknown bid is rejected BID_NOT_FOUND': async () => {
      const when = spec.given([opened(), placed(bid1, alice, 1000, res1)]).when(retract(bid2, alice));
      await when.thenRejected('BidRejected', { bidId: bid2, bidderId: alice, command: 'RetractBid', reason: 'BID_NOT_FOUND' });
      await when.thenNotEmitted('BidRetracted');
    },
    'RetractBid of a bid already retracted is rejected BID_NOT_FOUND': () =>
      spec
        .given([opened(), placed(bid1, alice, 1000, res1), retracted(bid1, alice)])
        .when(retract(bid1, alice))
        .thenRejected('BidRejected', { command: 'RetractBid', reason: 'BID_NOT_FOUND' }),
    'RetractBid of somebody else’s bid is rejected NOT_BIDDERS_BID and tells nothing about it': async () => {
      const when = spec.given([opened(), placed(bid1, alice, 1000, res1)]).when(retract(bid1, bob));
      await when.thenRejected('BidRejected', { bidId: bid1, bidderId: bob, command: 'RetractBid', reason: 'NOT_BIDDERS_BID' });
      await when.thenNotEmitted('BidRetracted');
      await when.thenNotEmitted((e) => hasKey('reservationId')(e) || hasKey('amount')(e));
    },
    'RetractBid on a closed auction is rejected AUCTION_CLOSED': async () => {
      const when = spec.given([opened(), placed(bid1, alice, 1000, res1), closed()]).when(retract(bid1, alice));
      await when.thenRejected('BidRejected', { command: 'RetractBid', reason: 'AUCTION_CLOSED', amount: 1000, currency: 'EUR', reservationId: res1 });
      await when.thenNotEmitted('BidRetracted');
    },
    'RetractBid after the closing time is rejected AUCTION_CLOSED': () =>
      spec
        .given([opened(PAST), placed(bid1, alice, 1000, res1)])
        .when(retract(bid1, alice))
        .thenRejected('BidRejected', { command: 'RetractBid', reason: 'AUCTION_CLOSED' }),
    'RetractBid on an unknown auction is rejected AUCTION_NOT_FOUND': async () => {
      const when = spec.given([]).when(retract(bid1, alice));
      await when.thenRejected('BidRejected', { command: 'RetractBid', reason: 'AUCTION_NOT_FOUND' });
      await when.thenNotEmitted('BidRetracted');
    },

    // CloseAuction
    'CloseAuction closes with the highest bid as the winner, reservation included': async () => {
      const when = spec.given([opened(), placed(bid1, alice, 1000, res1), placed(bid2, bob, 1100, res2)]).when(close());
      await when.then([
        { type: 'AuctionClosed', data: { auctionId, currency: 'EUR', winningBid: { bidId: bid2, bidderId: bob, amount: 1100, reservationId: res2 } } },
      ]);
      await when.thenNotEmitted((e) => (e.data as { winningBid?: { bidId?: string } }).winningBid?.bidId === bid1);
    },
    'CloseAuction without bids closes with no winner': () =>
      spec
        .given([opened()])
        .when(close())
        .then([{ type: 'AuctionClosed', data: { auctionId, winningBid: null } }]),
    'CloseAuction after the leader retracted makes the next highest the winner': () =>
      spec
        .given([opened(), placed(bid1, alice, 1000, res1), placed(bid2, bob, 1100, res2), retracted(bid2, bob)])
        .when(close())
        .then([{ type: 'AuctionClosed', data: { winningBid: { bidId: bid1, bidderId: alice, amount: 1000, reservationId: res1 } } }]),
    'CloseAuction of a closed auction changes nothing': async () => {
      const when = spec.given([opened(), placed(bid1, alice, 1000, res1), closed()]).when(close());
      await when.thenNothing();
      await when.thenNotEmitted('AuctionClosed');
    },
    'CloseAuction of an unknown auction changes nothing': () => spec.given([]).when(close()).thenNothing(),
  };
}
