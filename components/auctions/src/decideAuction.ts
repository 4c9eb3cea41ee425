import type { BidRejectedV1 } from '@causeway/contracts';
import type { EmittedEvent, RecordedCommand } from '@causeway/runtime';
import { highestBid, type AuctionEvent, type AuctionState, type StandingBid } from './auctionState.ts';

export type AuctionCommand = 'OpenAuction' | 'PlaceBid' | 'RetractBid' | 'CloseAuction';

type Reason = BidRejectedV1['reason'];

/** The bid's own fields, as the contracts name them (no undefined keys: contracts refuse them). */
const bidOf = (bid: StandingBid): StandingBid => ({
  bidId: bid.bidId,
  bidderId: bid.bidderId,
  amount: bid.amount,
  ...(bid.reservationId ? { reservationId: bid.reservationId } : {}),
});

/** Closed by a CloseAuction, or past its closing time by the command's clock (the schedule may not have run yet). */
const isClosedAt = (state: AuctionState, at: Date): boolean => state.closed || (state.terms !== undefined && at.getTime() >= state.terms.closesAt);

/**
 * The auction's rules. Time is the command's recorded time, so a bid that
 * arrives after `closesAt` is refused even if the closing schedule has not
 * sent CloseAuction yet.
 */
export function decideAuction(command: RecordedCommand<AuctionCommand>, state: AuctionState): EmittedEvent<AuctionEvent>[] {
  const at = command.created.toISOString();
  switch (command.type) {
    case 'OpenAuction': {
      // Opening is idempotent by auction id: a second OpenAuction (say, a resubmitted form) changes nothing.
      if (state.terms) return [];
      const { auctionId, sellerId, lotId, title, startingPrice, minimumIncrement, currency, closesAt } = command.data;
      return [{ type: 'AuctionOpened', data: { auctionId, sellerId, lotId, title, startingPrice, minimumIncrement, currency, closesAt, openedAt: at } }];
    }
    case 'PlaceBid': {
      const { auctionId, bidId, bidderId, amount, currency, reservationId } = command.data;
      const reject = (reason: Reason, minimumAcceptable?: number): EmittedEvent<AuctionEvent>[] => [
        {
          type: 'BidRejected',
          data: {
            auctionId,
            bidId,
            bidderId,
            command: 'PlaceBid',
            reason,
            amount,
            currency,
            ...(reservationId ? { reservationId } : {}),
            ...(minimumAcceptable !== undefined && minimumAcceptable <= Number.MAX_SAFE_INTEGER ? { minimumAcceptable } : {}),
            rejectedAt: at,
          },
        },
      ];
      const terms = state.terms;
      if (!terms) return reject('AUCTION_NOT_FOUND');
      if (state.seenBidIds[bidId]) return reject('DUPLICATE_BID');
      if (isClosedAt(state, command.created)) return reject('AUCTION_CLOSED');
      if (bidderId === terms.sellerId) return reject('SELLER_CANNOT_BID');
      if (currency !== terms.currency) return reject('CURRENCY_MISMATCH');
      const highest = highestBid(state);
      if (!highest) {
        if (amount < terms.startingPrice) return reject('BELOW_STARTING_PRICE', terms.startingPrice);
      } else if (amount < highest.amount + terms.minimumIncrement) {
        return reject('INCREMENT_TOO_SMALL', highest.amount + terms.minimumIncrement);
      }
      return [
        {
          type: 'BidPlaced',
          data: {
            auctionId,
            bidId,
            bidderId,
            amount,
            currency,
            ...(reservationId ? { reservationId } : {}),
            placedAt: at,
            ...(highest ? { outbid: bidOf(highest) } : {}),
          },
        },
      ];
    }
    case 'RetractBid': {
      const { auctionId, bidId, bidderId } = command.data;
      const bid = state.standing.find((b) => b.bidId === bidId);
      // Amount, currency and reservation are told only to the bid's own bidder.
      const own =
        bid && bid.bidderId === bidderId && state.terms
          ? { amount: bid.amount, currency: state.terms.currency, ...(bid.reservationId ? { reservationId: bid.reservationId } : {}) }
          : {};
      const reject = (reason: Reason): EmittedEvent<AuctionEvent>[] => [
        { type: 'BidRejected', data: { auctionId, bidId, bidderId, command: 'RetractBid', reason, ...own, rejectedAt: at } },
      ];
      if (!state.terms) return reject('AUCTION_NOT_FOUND');
      if (isClosedAt(state, command.created)) return reject('AUCTION_CLOSED');
      if (!bid) return reject('BID_NOT_FOUND');
      if (bid.bidderId !== bidderId) return reject('NOT_BIDDERS_BID');
      const leading = highestBid(state)?.bidId === bidId;
      const next = leading ? state.standing[state.standing.length - 2] : undefined;
      return [
        {
          type: 'BidRetracted',
          data: {
            auctionId,
            bidId,
            bidderId,
            ...(bid.reservationId ? { reservationId: bid.reservationId } : {}),
            retractedAt: at,
            // Present only when the lead changed, so views and the settlement policy learn who leads now without reading the auction.
            ...(leading ? { leadingBid: next ? bidOf(next) : null } : {}),
          },
        },
      ];
    }
    case 'CloseAuction': {
      // Closing is idempotent: the schedule may send CloseAuction again after a restart, an operator may close first.
      if (!state.terms || state.closed) return [];
      const winner = highestBid(state);
      return [
        {
          type: 'AuctionClosed',
          data: {
            auctionId: command.data.auctionId,
            sellerId: state.terms.sellerId,
            closedAt: at,
            currency: state.terms.currency,
            winningBid: winner ? bidOf(winner) : null,
          },
        },
      ];
    }
  }
}
