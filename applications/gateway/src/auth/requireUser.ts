import { CausewayError } from '@causeway/errors';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser, TokenIssuer } from './TokenIssuer.ts';

const users = new WeakMap<FastifyRequest, AuthenticatedUser>();

/**
 * An `onRequest` hook: runs before the body is read, so a request without a
 * valid bearer token is refused (401) before anything else happens to it.
 */
export function requireUser(tokens: TokenIssuer) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const m = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m)
      throw new CausewayError('UNAUTHENTICATED', header === undefined ? 'Authorization: Bearer <token> is required' : 'Authorization must be "Bearer <token>"');
    users.set(request, await tokens.verify(m[1] as string));
  };
}

/** The user a request acts for (after `requireUser`). */
export function userOf(request: FastifyRequest): AuthenticatedUser {
  const user = users.get(request);
  if (!user) throw new CausewayError('UNAUTHENTICATED', 'this route needs a bearer token');
  return user;
}
