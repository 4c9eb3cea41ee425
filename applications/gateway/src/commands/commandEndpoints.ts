import { COMMAND_STATUS, type CommandStatusDocument } from '@causeway/command-status-view';
import { CausewayError } from '@causeway/errors';
import { streamNames } from '@causeway/runtime';
import type { FastifyInstance } from 'fastify';
import { requireUser, userOf } from '../auth/requireUser.ts';
import type { GatewayContext } from '../GatewayContext.ts';
import { pollFor } from '../http/pollFor.ts';
import { isUuid, requireUuid } from '../http/requireUuid.ts';
import { prepareGenericCommand } from './prepareGenericCommand.ts';

/** `POST /commands/<Type>` and `GET /commands/<id>`. */
export function commandEndpoints(app: FastifyInstance, context: GatewayContext): void {
  const auth = requireUser(context.tokens);

  app.post<{ Params: { type: string }; Querystring: { dryRun?: string } }>('/commands/:type', { onRequest: auth }, async (request, reply) => {
    const { userId } = userOf(request);
    const command = prepareGenericCommand(context.suite, request.params.type, request.body, userId);
    // Every check, nothing written: a client that must send two commands (a lot, then its auction)
    // checks the second before the first leaves anything behind.
    if (request.query.dryRun === 'true')
      return reply.code(200).send({ valid: true, type: command.type, stream: streamNames.command(command.target.category, command.target.id) });
    const commandId = requireUuid(request.headers['idempotency-key'], 'Idempotency-Key');
    const accepted = await context.sender.send({ ...command, userId, commandId });
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
      events: [...doc.events]
        .sort((a, b) => a.position.localeCompare(b.position))
        .map(({ type, id: eventId, stream, position }) => ({ type, id: eventId, stream, position })),
      updatedAt: doc.updatedAt,
    };
  });
}
