/**
 * Every error Causeway raises carries one of these codes. The table is the
 * single place that says how a code surfaces over HTTP and over socket.io, so
 * the gateway never has to guess from a message text.
 */
export const errorCodes = {
  VALIDATION_FAILED: { http: 400, socket: 'FAILED_VALIDATION' },
  MALFORMED_JSON: { http: 400, socket: 'FAILED_VALIDATION' },
  UNKNOWN_MESSAGE_TYPE: { http: 404, socket: 'FAILED_VALIDATION' },
  PAYLOAD_TOO_LARGE: { http: 413, socket: 'FAILED_VALIDATION' },
  UNAUTHENTICATED: { http: 401, socket: 'FAILED_AUTHENTICATION' },
  FORBIDDEN: { http: 403, socket: 'FAILED_AUTHENTICATION' },
  CONFLICT: { http: 409, socket: 'REJECTED' },
  PRECONDITION_FAILED: { http: 412, socket: 'REJECTED' },
  PRECONDITION_REQUIRED: { http: 428, socket: 'FAILED_VALIDATION' },
  UNSUPPORTED_MEDIA_TYPE: { http: 415, socket: 'FAILED_VALIDATION' },
  NOT_FOUND: { http: 404, socket: 'REJECTED' },
  WRONG_EXPECTED_VERSION: { http: 409, socket: 'REJECTED' },
  TIMEOUT: { http: 504, socket: 'FAILED' },
  UNAVAILABLE: { http: 503, socket: 'FAILED' },
  RATE_LIMITED: { http: 429, socket: 'FAILED' },
  STALE_READ: { http: 503, socket: 'FAILED' },
  CONTRACT_BREAKING_CHANGE: { http: 500, socket: 'FAILED' },
  CONTRACT_INVALID: { http: 500, socket: 'FAILED' },
  GENERATED_STALE: { http: 500, socket: 'FAILED' },
  UPCAST_FAILED: { http: 500, socket: 'FAILED' },
  USAGE: { http: 400, socket: 'FAILED' },
  INTERNAL: { http: 500, socket: 'FAILED' },
} as const satisfies Record<string, { http: number; socket: string }>;

export type ErrorCode = keyof typeof errorCodes;
