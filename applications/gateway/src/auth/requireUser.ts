import { CausewayError } from '@causeway/errors';
import type { FastifyRequest } from 'fastify';
import { refuseToken, type AuthenticatedUser, type TokenIssuer } from './TokenIssuer.ts';

const users = new WeakMap<FastifyRequest, AuthenticatedUser>();

/**
 * An `onRequest` hook: runs before the body is read, so a request without a
 * valid bearer token is refused (401) before anything else happens to it.
 */
export function requireUser(tokens: TokenIssuer) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const m = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) {
      if (header === undefined) throw refuseToken('TOKEN_MISSING', 'Authorization: Bearer <token> is required');
      throw refuseToken('TOKEN_INVALID', 'Authorization must be "Bearer <token>"');
    }
    users.set(request, await tokens.verify(m[1] as string));
  };
}

/** The user a request acts for (after `requireUser`). */
export function userOf(request: FastifyRequest): AuthenticatedUser {
  const user = users.get(request);
  if (!user) throw new CausewayError('UNAUTHENTICATED', 'this route needs a bearer token');
  return user;
}
