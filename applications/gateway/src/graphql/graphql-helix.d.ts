// graphql-helix 1.13 ships its ESM build (dist-esm/*.mjs) with `.d.ts` files that
// NodeNext resolution does not pair with `.mjs`, so the import is untyped. This
// declares the part the plugin uses, after dist/process-request.d.ts and dist/types.d.ts.
declare module 'graphql-helix' {
  import type { ExecutionResult, GraphQLSchema, ValidationRule, execute, parse, subscribe, validate } from 'graphql';

  export interface HelixRequest {
    body?: unknown;
    headers: Record<string, string | string[] | undefined>;
    method: string;
    query: unknown;
  }

  export function getGraphQLParameters(request: HelixRequest): { operationName?: string; query?: string; variables?: string | Record<string, unknown> };

  export interface ProcessRequestOptions<TContext> {
    operationName?: string;
    query?: string;
    variables?: string | Record<string, unknown>;
    request: HelixRequest;
    schema: GraphQLSchema;
    parse?: typeof parse;
    validate?: typeof validate;
    execute?: typeof execute;
    subscribe?: typeof subscribe;
    validationRules?: readonly ValidationRule[];
    contextFactory?: () => TContext | Promise<TContext>;
    formatPayload?: (params: { payload: ExecutionResult }) => unknown;
  }

  export type ProcessRequestResult =
    { type: 'RESPONSE'; status: number; headers: { name: string; value: string }[]; payload: unknown } | { type: 'MULTIPART_RESPONSE' | 'PUSH' };

  export function processRequest<TContext>(options: ProcessRequestOptions<TContext>): Promise<ProcessRequestResult>;
}
