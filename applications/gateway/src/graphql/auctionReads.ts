import type { AuctionDoc, DetailBid } from './auctionTypes.ts';
import type { GraphQLContext } from './GraphQLContext.ts';

/** One auction of the board, after waiting for `minPosition` if the query carried one. */
export async function loadAuction(context: GraphQLContext, id: string): Promise<AuctionDoc | null> {
  await context.freshness.await(['auction-board']);
  return context.db.collection<AuctionDoc>('auctions').findOne({ _id: id }, { projection: { _position: 0 } });
}

/** An auction's bids from `auction_details`, in the order the log accepted them. */
export async function loadBids(context: GraphQLContext, auctionId: string): Promise<DetailBid[]> {
  await context.freshness.await(['auction-detail']);
  const detail = await context.db
    .collection<{ _id: string; bids?: Record<string, Omit<DetailBid, 'auctionId'>> }>('auction_details')
    .findOne({ _id: auctionId });
  return Object.values(detail?.bids ?? {})
    .map((b) => ({ ...b, auctionId }))
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
}
