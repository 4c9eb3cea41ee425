import { CausewayError } from '@causeway/errors';
import { logger as rootLogger } from '@causeway/runtime';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  execute,
  GraphQLError,
  type ExecutionResult,
  Lexer,
  NoSchemaIntrospectionCustomRule,
  parse,
  Source,
  specifiedRules,
  subscribe,
  TokenKind,
  validate,
} from 'graphql';
import { getGraphQLParameters, processRequest } from 'graphql-helix';
import { refuseToken, type AuthenticatedUser } from '../auth/TokenIssuer.ts';
import { RETRY_AFTER_SECONDS, type GatewayPlugin } from '../createGateway.ts';
import type { GatewayContext } from '../GatewayContext.ts';
import { aliasLimitRule } from './aliasLimitRule.ts';
import { costLimitRule } from './costLimitRule.ts';
import { depthLimitRule } from './depthLimitRule.ts';
import { Freshness } from './Freshness.ts';
import type { GraphQLContext } from './GraphQLContext.ts';
import { DEFAULT_GRAPHQL_LIMITS, introspectionFromEnv, type GraphQLLimits } from './limits.ts';
import { publicErrors } from './publicErrors.ts';
import { queryOnlyRule } from './queryOnlyRule.ts';
import { schema } from './schema.ts';

/** Anonymous without the header; a header that is there must be valid (401 otherwise, as on every route). */
async function userOf(request: FastifyRequest, context: GatewayContext): Promise<AuthenticatedUser | undefined> {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw refuseToken('TOKEN_INVALID', 'Authorization must be "Bearer <token>"');
  return context.tokens.verify(m[1] as string);
}

/** Whether `source` has more than `limit` tokens (lexing stops there, or at a syntax error: then not). */
function exceedsTokens(source: string | Source, limit: number): boolean {
  const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
  try {
    for (let count = 0; lexer.advance().kind !== TokenKind.EOF; count += 1) if (count >= limit) return true;
  } catch {
    // A syntax error before the limit: graphql-js's own error stands.
  }
  return false;
}

/**
 * graphql-js's own token bound (it stops lexing past `maxTokens`), so an oversized document costs
 * neither an AST nor validation. Its refusal is a plain syntax error (and its wording changes between
 * versions), so on a syntax error the tokens are counted again to give the refusal our code.
 */
function boundedParse(maxTokens: number): typeof parse {
  return (source, options) => {
    try {
      return parse(source, { ...options, maxTokens });
    } catch (error) {
      if (error instanceof GraphQLError && exceedsTokens(source, maxTokens)) {
        throw new GraphQLError(`the query has more than ${maxTokens} tokens`, { extensions: { code: 'TOKEN_LIMIT_EXCEEDED', limit: maxTokens } });
      }
      throw error;
    }
  };
}

/**
 * GraphQL over the view data at `POST /graphql` and `GET /graphql`
 * (graphql-helix). Query-only, depth and cost limited before execution;
 * `minPosition` answers carry `extensions.freshness`.
 */
export function graphqlPlugin(options: Partial<GraphQLLimits> = {}): GatewayPlugin {
  const limits: GraphQLLimits = { ...DEFAULT_GRAPHQL_LIMITS, introspection: introspectionFromEnv(), ...options };
  // helix replaces the specified rules with the ones given, so they are listed again.
  const validationRules = [
    ...specifiedRules,
    queryOnlyRule,
    depthLimitRule(limits.maxDepth),
    costLimitRule(limits),
    aliasLimitRule(limits.maxAliases),
    ...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];

  const parseQuery = boundedParse(limits.maxTokens);
  const log = rootLogger.child({ app: 'gateway', edge: 'graphql' });

  return (app, gateway) => {
    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
      const user = await userOf(request, gateway);
      const freshness = new Freshness(gateway.db, limits.maxWaitMs);
      // One JSON answer per request: no event streams or multipart (those serve @defer and subscriptions, which we refuse).
      const helixRequest = { body: request.body, headers: { ...request.headers, accept: 'application/json' }, method: request.method, query: request.query };
      const { operationName, query, variables } = getGraphQLParameters(helixRequest);
      const result = await processRequest<GraphQLContext>({
        operationName,
        query,
        variables,
        request: helixRequest,
        schema,
        // Our own graphql functions: under vitest, helix's ESM build and this code can load two
        // copies of graphql (CJS and ESM), and a schema from one is refused by the other.
        parse: parseQuery,
        validate,
        execute,
        subscribe,
        validationRules,
        contextFactory: () => ({ db: gateway.db, user, freshness, limits }),
        formatPayload: ({ payload }) => {
          const report = freshness.report();
          return report ? { ...payload, extensions: { ...payload.extensions, freshness: report } } : payload;
        },
      });
      if (result.type !== 'RESPONSE') throw new CausewayError('INTERNAL', `graphql-helix answered ${result.type} to a single query`);
      for (const { name, value } of result.headers) void reply.header(name, value);
      let payload = result.payload as ExecutionResult;
      let status = result.status;
      if (payload.errors) {
        const { errors, unavailable, faults } = publicErrors(payload.errors);
        for (const fault of faults) log.error({ err: fault }, 'graphql resolver failed');
        payload = { ...payload, errors };
        // A store restarting: 503 with Retry-After, as on every other route, rather than 200 with a field error.
        if (unavailable) {
          status = 503;
          void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        }
      }
      // The cost rule bounds the work; this bounds what leaves (introspection, long texts), whatever the query.
      const body = JSON.stringify(payload);
      if (Buffer.byteLength(body) > limits.maxResponseBytes) {
        const error = {
          message: `the answer exceeds ${limits.maxResponseBytes} bytes: select fewer fields or a smaller page`,
          extensions: { code: 'RESPONSE_TOO_LARGE', limit: limits.maxResponseBytes },
        };
        return reply
          .code(200)
          .type('application/json')
          .send({ data: null, errors: [error] });
      }
      return reply.code(status).type('application/json').send(body);
    };
    app.post('/graphql', handle);
    app.get('/graphql', handle);
  };
}
