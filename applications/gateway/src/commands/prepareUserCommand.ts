import { getContract, isKnownType, type CommandType } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import { CommandSender } from './CommandSender.ts';
import { ownRoutes, systemCommands, userCommands, type CommandRoute } from './userCommands.ts';

type UserCommand = keyof typeof userCommands;

/** A user command that passed every check and may be written. */
export interface PreparedCommand {
  readonly type: CommandType;
  readonly route: CommandRoute;
}

function userCommandOf(type: string): UserCommand {
  if (Object.hasOwn(ownRoutes, type)) throw new CausewayError('UNKNOWN_MESSAGE_TYPE', `${type} is not sent here: use ${ownRoutes[type]}`, { type });
  if (!isKnownType(type) || getContract(type).kind !== 'command') throw new CausewayError('UNKNOWN_MESSAGE_TYPE', `there is no command type ${JSON.stringify(type)}`, { type });
  if (systemCommands.has(type) || !Object.hasOwn(userCommands, type)) throw new CausewayError('FORBIDDEN', `${type} is sent by the system, not by users`, { type });
  return type as UserCommand;
}

/**
 * The checks every edge (HTTP, socket.io) makes before writing a user's
 * command, in one place so the edges cannot drift apart: the type (404, 403
 * for system commands), the contract (400 with every violation), and that the
 * user acts only for themselves (403). Returns where the command goes.
 */
export function prepareUserCommand(typeName: string, data: unknown, userId: string): PreparedCommand {
  const type = userCommandOf(typeName);
  CommandSender.validate(type as CommandType, data);
  const entry = userCommands[type];
  const actors = (entry.actsFor as (d: unknown) => readonly string[])(data);
  // Exact match: ids are lower-case UUIDs, and another spelling would name another entity.
  if (actors.some((id) => id !== userId)) {
    throw new CausewayError('FORBIDDEN', `${type}: you may act only for yourself (${actors.join(', ')} must be your user id)`, { type });
  }
  return { type: type as CommandType, route: (entry.route as (d: unknown) => CommandRoute)(data) };
}
