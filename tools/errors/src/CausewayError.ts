import { errorCodes, type ErrorCode } from './errorCodes.ts';

/** Structured detail that travels with an error (schema violations, stream names…). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/**
 * The one error type of Causeway. Callers branch on `code`, never on
 * `message`; `details` carries machine-readable context for problem+json bodies.
 */
export class CausewayError extends Error {
  override readonly name = 'CausewayError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return errorCodes[this.code].http;
  }

  get socketStatus(): string {
    return errorCodes[this.code].socket;
  }

  toJSON(): { code: ErrorCode; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isCausewayError(value: unknown, code?: ErrorCode): value is CausewayError {
  return value instanceof CausewayError && (code === undefined || value.code === code);
}
