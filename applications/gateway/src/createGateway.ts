import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CausewayError } from '@causeway/errors';
import { logger as rootLogger, type AggregatorOptions, type Logger, type MessageStore } from '@causeway/runtime';
import type { Suite } from '@causeway/suite';
import Fastify, { type FastifyInstance } from 'fastify';
import type { LoginLimits } from './auth/LoginLimiter.ts';
import { authEndpoints } from './auth/authEndpoints.ts';
import { jwtSecretFromEnv } from './auth/jwtSecretFromEnv.ts';
import { KnownUsers } from './auth/KnownUsers.ts';
import { TokenIssuer } from './auth/TokenIssuer.ts';
import { CommandSender } from './commands/CommandSender.ts';
import { commandStatusView } from './commands/commandStatusView.ts';
import { commandEndpoints } from './commands/commandEndpoints.ts';
import { documentEndpoints } from './documents/documentEndpoints.ts';
import type { GatewayContext } from './GatewayContext.ts';
import { jsonBodyParser } from './http/jsonBodyParser.ts';
import { problemFor, toProblem } from './http/toProblem.ts';

/** Adds to the one server (socket.io on `app.server`, GraphQL routes…) before it listens. */
export type GatewayPlugin = (app: FastifyInstance, context: GatewayContext) => void | Promise<void>;

export interface GatewayOptions {
  readonly store: MessageStore;
  /** The suite's manifest (`loadSuite`): which commands exist, where they go, which aggregators follow what. */
  readonly suite: Suite;
  readonly db: AggregatorOptions['db'];
  /** Default 3000; 0 picks a free port (tests). */
  readonly port?: number;
  /** Interface to listen on; default loopback (`HOST=0.0.0.0` in containers, where the network is the container's own). */
  readonly host?: string;
  /** HS256 secret; default JWT_SECRET, or a generated one outside production. */
  readonly jwtSecret?: string;
  /** Token lifetime (default 1 hour). */
  readonly tokenTtlSeconds?: number;
  /** Largest request body (default 1 MiB). */
  readonly bodyLimit?: number;
  readonly registerWaitMs?: number;
  /** Login attempts per account and per client address per minute (default LOGIN_ATTEMPTS_PER_ACCOUNT / _PER_ADDRESS, or 5 and 30). */
  readonly loginLimits?: LoginLimits;
  readonly readWaitMs?: number;
  readonly plugins?: readonly GatewayPlugin[];
  readonly logger?: Logger;
}

export interface Gateway {
  /** `http://host:port` */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly server: Server;
  readonly context: GatewayContext;
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** What a 503 (a store unavailable, a view not caught up) tells the client to wait before trying again. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * The gateway application: one HTTP server (PORT, default 3000) serving the
 * HTTP API; socket.io and GraphQL plug into the same server as plugins.
 * Every error leaves as `application/problem+json` with a Causeway code.
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const log = (options.logger ?? rootLogger).child({ app: 'gateway' });
  const secret = options.jwtSecret ?? jwtSecretFromEnv(process.env, (line) => process.stderr.write(`${line}\n`));
  const commandStatus = options.suite.aggregators.find((a) => a.name === 'command-status');
  if (!commandStatus) throw new CausewayError('USAGE', 'the gateway needs the command-status aggregator in the suite');
  const readWaitMs = options.readWaitMs ?? 1_000;
  const context: GatewayContext = {
    store: options.store,
    suite: options.suite,
    db: options.db,
    tokens: new TokenIssuer(secret, options.tokenTtlSeconds ?? 3600, new KnownUsers(options.db, readWaitMs)),
    sender: new CommandSender(options.store, commandStatusView(options.db, commandStatus)),
    registerWaitMs: options.registerWaitMs ?? 5_000,
    readWaitMs,
  };

  const app = Fastify({ bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, logger: false, forceCloseConnections: true });
  jsonBodyParser(app);

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) log.error({ err: error, method: request.method, url: request.url }, 'request failed');
    if (problem.code === 'UNAUTHENTICATED') void reply.header('www-authenticate', 'Bearer');
    if (problem.status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    if (problem.code === 'RATE_LIMITED' && error instanceof CausewayError) void reply.header('retry-after', String(error.details.retryAfterSeconds ?? 60));
    return reply.code(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send(problemFor('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`)),
  );

  app.get('/health', async () => ({ ok: true }));
  authEndpoints(app, context, options.loginLimits);
  commandEndpoints(app, context);
  documentEndpoints(app, context);
  for (const plugin of options.plugins ?? []) await plugin(app, context);

  try {
    await app.listen({ port: options.port ?? 3000, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    const port = options.port ?? 3000;
    const inUse = (error as { code?: unknown }).code === 'EADDRINUSE';
    const reason = inUse ? `port ${port} is in use; set PORT to a free port (0 picks one)` : `it cannot listen on port ${port}: ${String(error)}`;
    throw new CausewayError('USAGE', `the gateway does not start: ${reason}`, { port }, { cause: error });
  }
  const address = app.server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    url: `http://${host}:${address.port}`,
    app,
    server: app.server,
    context,
    close: () => app.close(),
  };
}
