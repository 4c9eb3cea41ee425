import { GraphQLEnumType, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } from 'graphql';
import type { GraphQLContext } from './GraphQLContext.ts';
import { loadAuction, loadBids } from './auctionReads.ts';
import { Amount } from './scalars.ts';

/** `auctions` (auction-board aggregator). */
export interface AuctionDoc {
  readonly _id: string;
  readonly status: 'open' | 'closed';
  readonly closesAt: string;
  readonly [field: string]: unknown;
}

/** One bid of `auction_details.bids` (auction-detail aggregator). */
export interface DetailBid {
  readonly bidId: string;
  readonly bidderId: string;
  readonly amount: number;
  readonly placedAt: string;
  readonly order: string;
  readonly state: string;
  /** Added by the resolver, for AuctionBid.auction. */
  readonly auctionId: string;
}

export const AuctionStatus = new GraphQLEnumType({
  name: 'AuctionStatus',
  values: { OPEN: { value: 'open' }, CLOSED: { value: 'closed' } },
});

export const BidState = new GraphQLEnumType({
  name: 'BidState',
  values: { LEADING: { value: 'leading' }, OUTBID: { value: 'outbid' }, RETRACTED: { value: 'retracted' }, WON: { value: 'won' } },
});

const str = { type: new GraphQLNonNull(GraphQLString) };

export const BidSummary = new GraphQLObjectType({
  name: 'BidSummary',
  description: 'The highest or winning bid of an auction',
  fields: { bidId: str, bidderId: str, amount: { type: new GraphQLNonNull(Amount) } },
});

/** Auction and AuctionBid refer to each other (a bid's auction), hence the thunks. */
export const AuctionBid: GraphQLObjectType<DetailBid, GraphQLContext> = new GraphQLObjectType<DetailBid, GraphQLContext>({
  name: 'AuctionBid',
  fields: () => ({
    bidId: str,
    bidderId: str,
    amount: { type: new GraphQLNonNull(Amount) },
    placedAt: str,
    order: { ...str, description: 'The log position that accepted the bid (zero-padded commit): bids sort by it' },
    state: { type: new GraphQLNonNull(BidState) },
    auction: { type: Auction, resolve: (b, _args, context) => loadAuction(context, b.auctionId) },
  }),
});

export const Auction: GraphQLObjectType<AuctionDoc, GraphQLContext> = new GraphQLObjectType<AuctionDoc, GraphQLContext>({
  name: 'Auction',
  fields: () => ({
    id: { type: new GraphQLNonNull(GraphQLID), resolve: (a) => a._id },
    title: str,
    sellerId: str,
    lotId: str,
    startingPrice: { type: new GraphQLNonNull(Amount) },
    minimumIncrement: { type: new GraphQLNonNull(Amount) },
    currency: str,
    closesAt: str,
    openedAt: str,
    status: { type: new GraphQLNonNull(AuctionStatus) },
    highestBid: { type: BidSummary },
    bidCount: { type: new GraphQLNonNull(GraphQLInt) },
    closedAt: { type: GraphQLString },
    winningBid: { type: BidSummary },
    bids: { type: bidListType, description: 'Every bid, in log order (from auction_details)', resolve: (a, _args, context) => loadBids(context, a._id) },
  }),
});

const bidListType = new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(AuctionBid)));
