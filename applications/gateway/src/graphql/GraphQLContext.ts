import type { AuthenticatedUser } from '../auth/TokenIssuer.ts';
import type { GatewayContext } from '../GatewayContext.ts';
import type { Freshness } from './Freshness.ts';
import type { GraphQLLimits } from './limits.ts';

/** What every resolver of one request sees. */
export interface GraphQLContext {
  readonly db: GatewayContext['db'];
  /** Absent for an anonymous request (no Authorization header). */
  readonly user: AuthenticatedUser | undefined;
  readonly freshness: Freshness;
  readonly limits: GraphQLLimits;
}
