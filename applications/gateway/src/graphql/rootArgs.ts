import { GraphQLError, GraphQLString, type GraphQLFieldConfigArgumentMap } from 'graphql';
import type { AuthenticatedUser } from '../auth/TokenIssuer.ts';
import type { GraphQLContext } from './GraphQLContext.ts';

/** Every root field takes it: read your writes (see Freshness). */
export const minPositionArg: GraphQLFieldConfigArgumentMap = {
  minPosition: {
    type: GraphQLString,
    description: 'A position a command returned (`<commit>/<prepare>` or `<commit>`): wait, bounded, until the views read have passed it',
  },
};

/** Fields about one user or private data need the bearer token; the error names the fix. */
export function signedIn(context: GraphQLContext, field: string): AuthenticatedUser {
  if (!context.user) throw new GraphQLError(`${field} needs Authorization: Bearer <token>`, { extensions: { code: 'UNAUTHENTICATED' } });
  return context.user;
}
