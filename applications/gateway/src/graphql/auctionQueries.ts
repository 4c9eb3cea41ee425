import { GraphQLID, GraphQLInt, GraphQLNonNull, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import type { Filter } from 'mongodb';
import { loadAuction } from './auctionReads.ts';
import { Auction, AuctionStatus, type AuctionDoc } from './auctionTypes.ts';
import { connectionType, toPage } from './connection.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { GraphQLContext } from './GraphQLContext.ts';
import { pageSize } from './pageSize.ts';
import { minPositionArg } from './rootArgs.ts';

const AuctionConnection = connectionType('Auction', Auction);

interface AuctionsArgs {
  readonly status?: 'open' | 'closed' | null;
  readonly first?: number | null;
  readonly after?: string | null;
  readonly minPosition?: string | null;
}

/**
 * The board is public (no token needed), like a shop window. Order: closesAt,
 * then id, so the order is total and a cursor (the last row's pair) stays
 * valid while auctions open and close around it.
 */
export const auctionQueries: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  auctions: {
    type: new GraphQLNonNull(AuctionConnection),
    description: 'Auctions of the board, soonest to close first (closesAt, then id)',
    args: { status: { type: AuctionStatus }, first: { type: GraphQLInt }, after: { type: GraphQLString }, ...minPositionArg },
    resolve: async (_root, args: AuctionsArgs, context) => {
      context.freshness.require(args.minPosition);
      const size = pageSize(args.first, context.limits.maxPageSize);
      const filter: Filter<AuctionDoc> = args.status ? { status: args.status } : {};
      if (args.after) {
        const [closesAt, id] = decodeCursor(args.after, 2) as [string, string];
        filter.$or = [{ closesAt: { $gt: closesAt } }, { closesAt, _id: { $gt: id } }];
      }
      await context.freshness.await(['auction-board']);
      const rows = await context.db
        .collection<AuctionDoc>('auctions')
        .find(filter, { projection: { _position: 0 } })
        .sort({ closesAt: 1, _id: 1 })
        .limit(size + 1)
        .toArray();
      return toPage(rows, size, (a) => encodeCursor([a.closesAt, a._id]));
    },
  },
  auction: {
    type: Auction,
    description: 'One auction (null if unknown)',
    args: { id: { type: new GraphQLNonNull(GraphQLID) }, ...minPositionArg },
    resolve: (_root, args: { id: string; minPosition?: string | null }, context) => {
      context.freshness.require(args.minPosition);
      return loadAuction(context, args.id);
    },
  },
};
