import { CausewayError } from '@causeway/errors';
import type { ValidationIssue } from '@causeway/contracts';

const MIN_PASSWORD = 8;
const MAX_PASSWORD = 1024;

function issue(field: string, keyword: string, message: string): ValidationIssue {
  return { path: field ? `data/${field}` : 'data', pointer: field ? `/${field}` : '', keyword, message: `${field ? `data/${field}` : 'data'} ${message}` };
}

/**
 * The request bodies of /auth are not message contracts (a password never
 * becomes one), so they are checked here, in the same issue format, every
 * violation listed. Email and display name are checked by the RegisterUser
 * contract on top, so the rules stay in one place.
 */
export function checkAuthBody<K extends string>(body: unknown, fields: readonly K[]): Record<K, string> {
  const { values, issues } = readAuthBody(body, fields);
  if (issues.length > 0) throw new CausewayError('VALIDATION_FAILED', `the body has ${issues.length} violation(s)`, { issues });
  return values as Record<K, string>;
}

/**
 * The fields that are strings, and every violation of the body, without throwing: registration
 * adds the contract's own violations of those fields, so that one answer lists them all.
 */
export function readAuthBody<K extends string>(body: unknown, fields: readonly K[]): { values: Partial<Record<K, string>>; issues: ValidationIssue[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new CausewayError('VALIDATION_FAILED', 'the body must be a JSON object', { issues: [issue('', 'type', 'must be object')] });
  }
  const record = body as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const field of fields) {
    const value = record[field];
    if (value === undefined) issues.push(issue('', 'required', `must have required property '${field}'`));
    else if (typeof value !== 'string') issues.push(issue(field, 'type', 'must be string'));
    else if (field === 'password' && (value.length < MIN_PASSWORD || value.length > MAX_PASSWORD)) {
      issues.push(issue(field, value.length < MIN_PASSWORD ? 'minLength' : 'maxLength', `must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`));
    }
  }
  for (const key of Object.keys(record)) {
    if (!(fields as readonly string[]).includes(key))
      issues.push(issue('', 'additionalProperties', `must NOT have additional properties, got ${JSON.stringify(key)}`));
  }
  const values: Partial<Record<K, string>> = {};
  for (const field of fields) if (typeof record[field] === 'string') values[field] = record[field];
  return { values, issues };
}
