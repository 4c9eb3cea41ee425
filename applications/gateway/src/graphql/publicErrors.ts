import { isStoreUnavailable } from '@causeway/runtime/internal';
import { GraphQLError } from 'graphql';

/**
 * A result's errors as a client may see them. Our resolvers throw GraphQLErrors with a code; anything
 * else came from below (the MongoDB driver…): a store that is unavailable becomes UNAVAILABLE (the
 * request is worth sending again shortly, and the HTTP answer says so with 503), any other fault
 * INTERNAL, saying nothing of its cause (driver messages name hosts and ports). `faults` are the
 * originals, for the log.
 */
export function publicErrors(errors: readonly GraphQLError[]): { errors: GraphQLError[]; unavailable: boolean; faults: Error[] } {
  let unavailable = false;
  const faults: Error[] = [];
  const mapped = errors.map((error) => {
    const cause = error.originalError;
    if (!cause || cause instanceof GraphQLError) return error;
    const options = { ...(error.nodes ? { nodes: error.nodes } : {}), ...(error.path ? { path: error.path } : {}) };
    if (isStoreUnavailable(cause)) {
      unavailable = true;
      return new GraphQLError('a store is unavailable for the moment; try again shortly', { ...options, extensions: { code: 'UNAVAILABLE' } });
    }
    faults.push(cause);
    return new GraphQLError('internal error', { ...options, extensions: { code: 'INTERNAL' } });
  });
  return { errors: mapped, unavailable, faults };
}
