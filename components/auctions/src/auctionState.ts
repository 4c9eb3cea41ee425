import type { RecordedEvent } from '@causeway/runtime';

/** A bid that stands (placed and not retracted). */
export interface StandingBid {
  readonly bidId: string;
  readonly bidderId: string;
  readonly amount: number;
  readonly reservationId?: string;
}

export interface AuctionTerms {
  readonly sellerId: string;
  readonly currency: string;
  readonly startingPrice: number;
  readonly minimumIncrement: number;
  /** Milliseconds since the epoch. */
  readonly closesAt: number;
}

/**
 * `standing` is in placement order. Every accepted bid beats the highest by
 * at least the increment, so that order is also ascending by amount: the
 * last bid leads, and when it is retracted the one before it leads again.
 * A bid backed by a funds reservation stops standing once it is outbid: the
 * settlement policy releases its funds at that moment, so letting it lead
 * again after a retraction would make the auction promise money the bidder
 * no longer has set aside (and the winner's capture would fail).
 */
export interface AuctionState {
  readonly terms: AuctionTerms | undefined;
  readonly closed: boolean;
  readonly standing: readonly StandingBid[];
  /**
   * Ids of every bid answered so far (placed or refused): a bid id names one
   * attempt. A plain record, not a Set, so the state survives JSON snapshots.
   */
  readonly seenBidIds: Readonly<Record<string, true>>;
}

export type AuctionEvent = 'AuctionOpened' | 'BidPlaced' | 'BidRejected' | 'BidRetracted' | 'AuctionClosed';

export const initialAuctionState = (): AuctionState => ({ terms: undefined, closed: false, standing: [], seenBidIds: {} });

export const highestBid = (state: AuctionState): StandingBid | undefined => state.standing[state.standing.length - 1];

const seen = (state: AuctionState, bidId: string): Readonly<Record<string, true>> =>
  state.seenBidIds[bidId] ? state.seenBidIds : { ...state.seenBidIds, [bidId]: true };

export function evolveAuction(state: AuctionState, event: RecordedEvent<AuctionEvent>): AuctionState {
  switch (event.type) {
    case 'AuctionOpened': {
      const { sellerId, currency, startingPrice, minimumIncrement, closesAt } = event.data;
      return { ...state, terms: { sellerId, currency, startingPrice, minimumIncrement, closesAt: Date.parse(closesAt) } };
    }
    case 'BidPlaced': {
      const { bidId, bidderId, amount, reservationId } = event.data;
      const bid: StandingBid = { bidId, bidderId, amount, ...(reservationId ? { reservationId } : {}) };
      const outbid = event.data.outbid;
      const standing = outbid?.reservationId ? state.standing.filter((b) => b.bidId !== outbid.bidId) : state.standing;
      return { ...state, standing: [...standing, bid], seenBidIds: seen(state, bidId) };
    }
    case 'BidRejected':
      return event.data.command === 'PlaceBid' ? { ...state, seenBidIds: seen(state, event.data.bidId) } : state;
    case 'BidRetracted':
      return { ...state, standing: state.standing.filter((b) => b.bidId !== event.data.bidId) };
    case 'AuctionClosed':
      return { ...state, closed: true };
  }
}
