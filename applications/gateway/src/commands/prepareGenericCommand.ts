import { CausewayError } from '@causeway/errors';
import type { Suite } from '@causeway/suite';
import { prepareCommand, type PreparedCommand } from './prepareCommand.ts';

/**
 * Commands the gateway takes on endpoints of their own, never on the generic
 * ones: registration needs a password hashed and no token; documents need
 * If-Match and ids the gateway derives.
 */
const ownEndpoints: Readonly<Record<string, string>> = {
  RegisterUser: 'POST /auth/register',
  CreateDocument: 'POST /documents/<collection>',
  PatchDocument: 'PATCH /documents/<collection>/<id>',
  ReplaceDocument: 'PUT /documents/<collection>/<id>',
  DeleteDocument: 'DELETE /documents/<collection>/<id>',
};

/** `POST /commands/<Type>` and socket.io `command`: the command path, after refusing what has its own endpoint. */
export function prepareGenericCommand(suite: Pick<Suite, 'routes'>, typeName: string, data: unknown, userId: string): PreparedCommand {
  const own = Object.hasOwn(ownEndpoints, typeName) ? ownEndpoints[typeName] : undefined;
  if (own) throw new CausewayError('UNKNOWN_MESSAGE_TYPE', `${typeName} is not sent here: use ${own}`, { type: typeName });
  return prepareCommand(suite, typeName, data, userId);
}
