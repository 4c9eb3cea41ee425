import { STATUS_CODES } from 'node:http';
import { CausewayError, errorCodes, type ErrorCode } from '@causeway/errors';
import { isStoreUnavailable } from '@causeway/runtime/internal';

/** An `application/problem+json` body (RFC 9457) with Causeway's error code. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ErrorCode;
  readonly detail: string;
  readonly issues?: readonly unknown[];
  readonly [extension: string]: unknown;
}

// Fastify's own request errors (body parsing, limits) map onto our codes.
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_JSON',
};

// Details that are safe and useful to a client travel as extension members.
const PUBLIC_DETAILS = ['commandId', 'stream', 'expectedVersion', 'actualVersion', 'retryAfterSeconds', 'reason'] as const;

export function problemFor(code: ErrorCode, detail: string, extensions: Readonly<Record<string, unknown>> = {}): Problem {
  const status = errorCodes[code].http;
  return { ...extensions, type: `urn:causeway:error:${code}`, title: STATUS_CODES[status] ?? 'Error', status, code, detail };
}

/** Any thrown value as a problem; unknown errors are INTERNAL and say nothing about the cause. */
export function toProblem(error: unknown): Problem {
  if (error instanceof CausewayError) {
    const extensions: Record<string, unknown> = {};
    for (const key of PUBLIC_DETAILS) if (error.details[key] !== undefined) extensions[key] = error.details[key];
    // `type` is the problem's own member; the message type travels as `messageType`.
    if (typeof error.details.type === 'string') extensions.messageType = error.details.type;
    if (Array.isArray(error.details.issues)) extensions.issues = error.details.issues;
    return problemFor(error.code, error.message, extensions);
  }
  const fastifyCode = (error as { code?: unknown })?.code;
  if (typeof fastifyCode === 'string' && fastifyCode in FASTIFY_CODES) {
    const code = FASTIFY_CODES[fastifyCode] as ErrorCode;
    const message = code === 'MALFORMED_JSON' ? `the body is not valid JSON: ${String((error as Error).message)}` : String((error as Error).message);
    return problemFor(code, message);
  }
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return problemFor('USAGE', String((error as Error).message));
  // A store restarting or failing over: the client may send the same request again (with its
  // Idempotency-Key) once it is back, which a 500 would not tell it.
  if (isStoreUnavailable(error)) return problemFor('UNAVAILABLE', 'a store is unavailable for the moment; try again shortly');
  return problemFor('INTERNAL', 'internal error');
}
