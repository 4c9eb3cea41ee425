import { httpClient, type HttpResult } from './httpClient.ts';

/** A GraphQL answer as the tests read it. */
export interface GraphQLAnswer<T = Record<string, unknown>> {
  readonly data?: T | null;
  readonly errors?: { message: string; extensions?: Record<string, unknown> }[];
  readonly extensions?: { freshness?: { minPosition: string; stale: boolean; waitedMs: number; checkpoints: Record<string, string | null> } };
}

/** POSTs (or GETs, with the query in the URL) a GraphQL request over real HTTP. */
export function graphqlClient(baseUrl: string) {
  const http = httpClient(baseUrl);
  return async function gql<T = Record<string, unknown>>(
    query: string,
    options: { token?: string; variables?: Record<string, unknown>; method?: 'GET' | 'POST' } = {},
  ): Promise<HttpResult<GraphQLAnswer<T>>> {
    if (options.method === 'GET') {
      const params = new URLSearchParams({ query, ...(options.variables ? { variables: JSON.stringify(options.variables) } : {}) });
      return http<GraphQLAnswer<T>>(`/graphql?${params.toString()}`, { ...(options.token ? { token: options.token } : {}) });
    }
    return http<GraphQLAnswer<T>>('/graphql', { ...(options.token ? { token: options.token } : {}), json: { query, variables: options.variables ?? {} } });
  };
}
