import { randomUUID } from 'node:crypto';
import { getContract, isKnownType, type CommandType } from '@causeway/contracts';
import { COMMAND_STATUS, type CommandStatusDocument } from '@causeway/command-status-view';
import { CausewayError } from '@causeway/errors';
import type { FastifyInstance } from 'fastify';
import { requireUser, userOf } from '../auth/requireUser.ts';
import type { GatewayContext } from '../GatewayContext.ts';
import { pollFor } from '../http/pollFor.ts';
import { isUuid, requireUuid } from '../http/requireUuid.ts';
import { CommandSender } from './CommandSender.ts';
import { ownRoutes, systemCommands, userCommands, type CommandRoute } from './userCommands.ts';

type UserCommand = keyof typeof userCommands;

function userCommandOf(type: string): UserCommand {
  if (type in ownRoutes) throw new CausewayError('UNKNOWN_MESSAGE_TYPE', `${type} is not sent here: use ${ownRoutes[type]}`, { type });
  if (!isKnownType(type) || getContract(type).kind !== 'command') throw new CausewayError('UNKNOWN_MESSAGE_TYPE', `there is no command type ${JSON.stringify(type)}`, { type });
  if (systemCommands.has(type) || !(type in userCommands)) throw new CausewayError('FORBIDDEN', `${type} is sent by the system, not by users`, { type });
  return type as UserCommand;
}

/** `POST /commands/<Type>` and `GET /commands/<id>`. */
export function commandRoutes(app: FastifyInstance, context: GatewayContext): void {
  const auth = requireUser(context.tokens);

  app.post<{ Params: { type: string } }>('/commands/:type', { onRequest: auth }, async (request, reply) => {
    const { userId } = userOf(request);
    const type = userCommandOf(request.params.type);
    const data = request.body;
    CommandSender.validate(type as CommandType, data);
    const entry = userCommands[type];
    const actors = (entry.actsFor as (d: unknown) => readonly string[])(data);
    // Exact match: ids are lower-case UUIDs, and another spelling would name another entity.
    if (actors.some((id) => id !== userId)) {
      throw new CausewayError('FORBIDDEN', `${type}: you may act only for yourself (${actors.join(', ')} must be your user id)`, { type });
    }
    const route = (entry.route as (d: unknown) => CommandRoute)(data);
    const commandId = requireUuid(request.headers['idempotency-key'], 'Idempotency-Key') ?? randomUUID();
    const accepted = await context.sender.send({ type: type as CommandType, data, route, userId, commandId });
    return reply.code(202).send(accepted);
  });

  app.get<{ Params: { id: string } }>('/commands/:id', { onRequest: auth }, async (request) => {
    const { userId } = userOf(request);
    const id = request.params.id.toLowerCase();
    const unknown = new CausewayError('NOT_FOUND', `no command ${request.params.id}`);
    if (!isUuid(id)) throw unknown;
    const statuses = context.db.collection<CommandStatusDocument>(COMMAND_STATUS);
    const doc = await pollFor(() => statuses.findOne({ _id: id }), context.readWaitMs);
    if (!doc) throw unknown;
    if (doc.userId !== userId) throw new CausewayError('FORBIDDEN', `command ${id} was sent by someone else`);
    return {
      commandId: doc._id,
      type: doc.type,
      stream: doc.stream,
      status: doc.status,
      events: [...doc.events].sort((a, b) => a.position.localeCompare(b.position)).map(({ type, id: eventId, stream, position }) => ({ type, id: eventId, stream, position })),
      updatedAt: doc.updatedAt,
    };
  });
}
