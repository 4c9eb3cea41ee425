import { CausewayError } from '@causeway/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A header or path segment that must be a UUID (`Idempotency-Key`, ids); lower-cased so one id has one spelling. */
export function requireUuid(value: string | string[] | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value.join(',') : value;
  if (!isUuid(text.trim())) throw new CausewayError('VALIDATION_FAILED', `${what} must be a UUID, got ${JSON.stringify(text)}`);
  return text.trim().toLowerCase();
}
