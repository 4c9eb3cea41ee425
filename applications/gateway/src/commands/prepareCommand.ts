import { getContract, isKnownType, type CommandType } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import type { CommandTarget } from '@causeway/runtime';
import type { Suite } from '@causeway/suite';
import { validateCommand } from './validateCommand.ts';

/** A user's command that passed every check and may be written. */
export interface PreparedCommand {
  readonly type: CommandType;
  readonly data: unknown;
  readonly target: CommandTarget;
}

/**
 * The one path of a user's command before it is written, whichever endpoint
 * took it (POST /commands, socket.io, /documents): the type (404 unknown, 403
 * for system commands), the contract (400 with every violation), and that the
 * user acts only for themselves (403). Routes and senders come from the suite's
 * manifest, so a new component's commands need no edit here.
 */
export function prepareCommand(suite: Pick<Suite, 'routes'>, typeName: string, data: unknown, userId: string): PreparedCommand {
  if (!isKnownType(typeName) || getContract(typeName).kind !== 'command') {
    throw new CausewayError('UNKNOWN_MESSAGE_TYPE', `there is no command type ${JSON.stringify(typeName)}`, { type: typeName });
  }
  const type = typeName as CommandType;
  const entry = suite.routes.get(type);
  if (!entry) throw new CausewayError('UNKNOWN_MESSAGE_TYPE', `no part of the suite handles ${type}`, { type });
  const { route } = entry;
  if (route.sentBy === 'system') throw new CausewayError('FORBIDDEN', `${type} is sent by the system, not by users`, { type });
  validateCommand(type, data);
  const actors = (route.actsFor as (d: unknown) => readonly string[])(data);
  // Exact match: ids are lower-case UUIDs, and another spelling would name another entity.
  if (actors.some((id) => id !== userId)) {
    throw new CausewayError('FORBIDDEN', `${type}: you may act only for yourself (${actors.join(', ')} must be your user id)`, { type });
  }
  return { type, data, target: entry.target(data) };
}
