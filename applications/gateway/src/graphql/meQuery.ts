import { GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import { loadAuction } from './auctionReads.ts';
import { Auction, BidState } from './auctionTypes.ts';
import type { GraphQLContext } from './GraphQLContext.ts';
import { minPositionArg, signedIn } from './rootArgs.ts';
import { Amount } from './scalars.ts';

/** `dashboards` (user-dashboard aggregator); maps keyed by currency and bid id. */
interface DashboardDoc {
  readonly _id: string;
  readonly displayName?: string;
  readonly funds?: Record<string, { balance?: number; reserved?: number; available?: number }>;
  readonly bids?: Record<string, { auctionId: string; amount: number; currency: string; placedAt: string; state: string }>;
}

interface MyBidRow {
  readonly bidId: string;
  readonly auctionId: string;
}

const amount = { type: new GraphQLNonNull(Amount) };
const str = { type: new GraphQLNonNull(GraphQLString) };

const Funds = new GraphQLObjectType({
  name: 'Funds',
  description: 'One currency of the wallet: available = balance - reserved (reserved backs standing bids)',
  fields: { currency: str, balance: amount, reserved: amount, available: amount },
});

const MyBid = new GraphQLObjectType<MyBidRow, GraphQLContext>({
  name: 'MyBid',
  fields: {
    bidId: str,
    auctionId: str,
    amount,
    currency: str,
    placedAt: str,
    state: { type: new GraphQLNonNull(BidState) },
    auction: { type: Auction, resolve: (b, _args, context) => loadAuction(context, b.auctionId) },
  },
});

const Me = new GraphQLObjectType({
  name: 'Me',
  fields: {
    userId: str,
    displayName: { type: GraphQLString },
    funds: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Funds))), description: 'By currency code' },
    bids: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(MyBid))), description: 'Every bid I placed, oldest first' },
  },
});

/** The signed-in user's dashboard. A user with no activity yet gets empty lists, not null. */
export const meQuery: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  me: {
    // Nullable: without a token this field alone is null (with an UNAUTHENTICATED error), and the
    // public fields of the same query still answer.
    type: Me,
    description: 'My wallet and bids (needs the bearer token)',
    args: { ...minPositionArg },
    resolve: async (_root, args: { minPosition?: string | null }, context) => {
      const { userId } = signedIn(context, 'me');
      context.freshness.require(args.minPosition);
      await context.freshness.await(['user-dashboard']);
      const doc = await context.db.collection<DashboardDoc>('dashboards').findOne({ _id: userId });
      return {
        userId,
        displayName: doc?.displayName ?? null,
        funds: Object.entries(doc?.funds ?? {})
          // The view $incs only the fields an event touched: a currency never reserved has no `reserved` yet.
          .map(([currency, f]) => ({
            currency,
            balance: f.balance ?? 0,
            reserved: f.reserved ?? 0,
            available: f.available ?? (f.balance ?? 0) - (f.reserved ?? 0),
          }))
          .sort((a, b) => a.currency.localeCompare(b.currency)),
        bids: Object.entries(doc?.bids ?? {})
          .map(([bidId, b]) => ({ bidId, ...b }))
          .sort((a, b) => (a.placedAt < b.placedAt ? -1 : a.placedAt > b.placedAt ? 1 : a.bidId.localeCompare(b.bidId))),
      };
    },
  },
};
