import { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { auctionQueries } from './auctionQueries.ts';
import { documentQueries } from './documentQueries.ts';
import type { GraphQLContext } from './GraphQLContext.ts';
import { meQuery } from './meQuery.ts';

/**
 * Query only: there is no Mutation or Subscription type (commands go through
 * POST /commands, live updates through socket.io). `users` and
 * `user_credentials` are never read here, so no password hash can leak.
 */
export const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, GraphQLContext>({
    name: 'Query',
    fields: { ...auctionQueries, ...meQuery, ...documentQueries },
  }),
});
