import type { FastifyInstance } from 'fastify';
import type { GatewayContext } from '../GatewayContext.ts';
import { logIn } from './logIn.ts';
import { LoginLimiter, loginLimitsFromEnv, type LoginLimits } from './LoginLimiter.ts';
import { registerUser } from './registerUser.ts';

/** `POST /auth/register` and `POST /auth/login`: the only endpoints without a token. */
export function authEndpoints(app: FastifyInstance, context: GatewayContext, loginLimits: LoginLimits = loginLimitsFromEnv()): void {
  app.post('/auth/register', async (request, reply) => {
    const registration = await registerUser({ store: context.store, tokens: context.tokens, waitMs: context.registerWaitMs }, request.body);
    return reply.code(registration.status).send(registration.body);
  });

  const limiter = new LoginLimiter(loginLimits);
  app.post('/auth/login', async (request) =>
    logIn({ store: context.store, db: context.db, tokens: context.tokens, limiter, address: request.ip }, request.body),
  );
}
