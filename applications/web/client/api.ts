/** An HTTP answer of the gateway: its status and JSON body (a problem object when it failed). */
export interface Answer<T> {
  readonly status: number;
  readonly body: T & { detail?: string; code?: string };
}

export async function postJson<T>(path: string, body: unknown, token?: string): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Answer<T>['body'] };
}

export class GraphQLError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** A GraphQL query (the gateway's GraphQL is query-only). Throws on any error, with the gateway's message. */
export async function query<T>(text: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const answer = await postJson<{ data?: T; errors?: { message: string }[] }>('/graphql', { query: text, variables }, token);
  const { data, errors } = answer.body;
  if (answer.status !== 200 || errors?.length || !data) {
    throw new GraphQLError(errors?.map((e) => e.message).join('; ') ?? answer.body.detail ?? `HTTP ${answer.status}`, answer.status);
  }
  return data;
}
