import { CausewayError } from '@causeway/errors';

/**
 * The version an `If-Match` names: `3` or the ETag form `"3"` (weak `W/"3"`
 * too, since versions are exact either way). Missing is PRECONDITION_REQUIRED
 * (428): a blind overwrite is what optimistic concurrency exists to prevent.
 */
export function parseIfMatch(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined || value.trim() === '')
    throw new CausewayError('PRECONDITION_REQUIRED', 'If-Match is required: send the version you read (the ETag of GET)');
  const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(value);
  const version = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(version) || version < 1)
    throw new CausewayError('VALIDATION_FAILED', `If-Match must be a document version such as "3", got ${JSON.stringify(value)}`);
  return version;
}
