/** The GraphQL plugin's bounds; every one is documented in the gateway README. */
export interface GraphQLLimits {
  /** Deepest field nesting a query may select (introspection fields not counted). */
  readonly maxDepth: number;
  /** Highest estimated cost (see costLimitRule) a query may have. */
  readonly maxCost: number;
  /** Most aliased fields in one operation, after fragment expansion. */
  readonly maxAliases: number;
  /** Most lexical tokens in a query document: past it parsing stops (TOKEN_LIMIT_EXCEEDED), before any AST is built. */
  readonly maxTokens: number;
  /** Longest wait for the views to pass `minPosition` before answering stale. */
  readonly maxWaitMs: number;
  /** Largest `first` of a list or connection. */
  readonly maxPageSize: number;
  /** Largest answer in bytes of JSON: a bigger one is replaced by a RESPONSE_TOO_LARGE error. */
  readonly maxResponseBytes: number;
  /** Whether `__schema` / `__type` are answered: by default not in production (GRAPHQL_INTROSPECTION=true turns them on). */
  readonly introspection: boolean;
}

/** Introspection is for development tools; in production it only maps the API for an attacker, so it is off unless asked for. */
export function introspectionFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.GRAPHQL_INTROSPECTION;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return env.NODE_ENV !== 'production';
}

export const DEFAULT_GRAPHQL_LIMITS: Omit<GraphQLLimits, 'introspection'> = {
  maxDepth: 8,
  maxCost: 2_000,
  maxAliases: 50,
  // A query at the cost limit (2,000 fields) takes a few thousand tokens; the standard introspection query ~1,000.
  maxTokens: 10_000,
  maxWaitMs: 2_000,
  maxPageSize: 100,
  maxResponseBytes: 1024 * 1024,
};

/** Page size when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;
