/** A small fetch wrapper for the end-to-end tests: JSON in, status, headers and parsed body out. */
export interface HttpResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface HttpRequest {
  readonly method?: string;
  readonly token?: string;
  readonly json?: unknown;
  /** Sent as is (malformed JSON, oversized bodies). */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export function httpClient(baseUrl: string) {
  return async function http<T = Record<string, unknown>>(path: string, request: HttpRequest = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...(request.headers ?? {}) };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    const body = request.raw ?? (request.json === undefined ? undefined : JSON.stringify(request.json));
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method: request.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
  };
}
