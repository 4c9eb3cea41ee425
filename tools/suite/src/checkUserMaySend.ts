import { CausewayError } from '@causeway/errors';
import type { SuiteRoute } from './Suite.ts';

/**
 * Whether a user may send this command, by its route: never a system command
 * (403: a user's PlaceBid would be a bid no funds back), and only acting for
 * themselves (403). The data must have passed the contract. One rule for every
 * path a user's command takes: the gateway's HTTP and socket.io edges, and
 * `causeway send --user`.
 */
export function checkUserMaySend(entry: SuiteRoute, data: unknown, userId: string): void {
  const { route, type } = entry;
  if (route.sentBy === 'system') throw new CausewayError('FORBIDDEN', `${type} is sent by the system, not by users`, { type });
  const actors = (route.actsFor as (d: unknown) => readonly string[])(data);
  // Exact match: ids are lower-case UUIDs, and another spelling would name another entity.
  if (actors.some((id) => id !== userId)) {
    throw new CausewayError('FORBIDDEN', `${type}: you may act only for yourself (${actors.join(', ')} must be your user id)`, { type });
  }
}
