import { randomUUID } from 'node:crypto';
import { CausewayError } from '@causeway/errors';
import type { Socket } from 'socket.io';
import { prepareGenericCommand } from '../commands/prepareGenericCommand.ts';
import type { GatewayContext } from '../GatewayContext.ts';
import { isUuid, requireUuid } from '../http/requireUuid.ts';
import { toProblem, type Problem } from '../http/toProblem.ts';
import { lifecycleEventName, type LifecycleStatus, type LifecyclePayload } from './lifecycle.ts';
import { requireSocketUser } from './socketUser.ts';

export type CommandAck = { ok: true; commandId: string; position: string } | { ok: false; error: Problem & { commandId: string } };

// Which refusals are announced as lifecycle events; the rest (CONFLICT, INTERNAL…) only answer the ack.
const FAILURES: Readonly<Record<string, LifecycleStatus>> = {
  UNAUTHENTICATED: 'FAILED_AUTHENTICATION',
  FORBIDDEN: 'FAILED_AUTHENTICATION',
  VALIDATION_FAILED: 'FAILED_VALIDATION',
  UNKNOWN_MESSAGE_TYPE: 'FAILED_VALIDATION',
};

// The id that names a failure's lifecycle event: the client's, when it is a UUID, else a fresh one.
function failureIdOf(id: unknown): string {
  return typeof id === 'string' && isUuid(id.trim()) ? id.trim().toLowerCase() : randomUUID();
}

/**
 * `command {type, data, id?}` with an ack: the same checks and the same write
 * as `POST /commands/<Type>` (prepareGenericCommand, CommandSender), so both edges
 * answer alike. ENQUEUED and what follows come from the log follower, which
 * also serves connections on other gateway instances; failures are known only
 * here, so they are announced here, to the sending connection alone.
 */
export async function handleCommand(socket: Socket, context: GatewayContext, payload: unknown): Promise<CommandAck> {
  const body = (typeof payload === 'object' && payload !== null ? payload : {}) as { type?: unknown; data?: unknown; id?: unknown };
  const failureId = failureIdOf(body.id);
  try {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
      throw new CausewayError('VALIDATION_FAILED', 'a command is {type, data, id?}');
    const { userId } = await requireSocketUser(socket, context.tokens);
    if (typeof body.type !== 'string') throw new CausewayError('VALIDATION_FAILED', 'type must be a command type name');
    const command = prepareGenericCommand(context.suite, body.type, body.data, userId);
    // Checked last, as POST /commands checks its Idempotency-Key.
    if (body.id !== undefined && typeof body.id !== 'string') throw new CausewayError('VALIDATION_FAILED', 'id must be a UUID');
    const commandId = requireUuid(body.id as string | undefined, 'id');
    const accepted = await context.sender.send({ ...command, userId, commandId });
    return { ok: true, commandId: accepted.commandId, position: accepted.position };
  } catch (error) {
    const problem = toProblem(error);
    const status = FAILURES[problem.code];
    if (status) {
      const event: LifecyclePayload = { commandId: failureId, status, at: new Date().toISOString(), error: problem };
      // To the sending connection only: nothing was written, so the user's other connections have
      // nothing to follow, and echoing every refusal to them let one connection's flood of invalid
      // commands reach all of them (a thousand refusals sent, a thousand events per tab).
      socket.emit(lifecycleEventName(body.type, status), event);
    }
    return { ok: false, error: { ...problem, commandId: failureId } };
  }
}
