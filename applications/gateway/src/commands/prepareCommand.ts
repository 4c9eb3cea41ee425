import { getContract, isKnownType, type CommandType } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import type { CommandTarget } from '@causeway/runtime';
import { checkUserMaySend, type Suite } from '@causeway/suite';
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
  // A system command is refused before its data is looked at, as before.
  if (entry.route.sentBy === 'system') checkUserMaySend(entry, data, userId);
  validateCommand(type, data);
  checkUserMaySend(entry, data, userId);
  return { type, data, target: entry.target(data) };
}
