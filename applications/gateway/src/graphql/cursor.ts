import { GraphQLError } from 'graphql';

/**
 * Opaque cursors: base64url of a JSON array of the sort key. Clients must not
 * build them, so the encoding may change without breaking anyone.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== length || !key.every((k) => typeof k === 'string' || typeof k === 'number')) {
    throw new GraphQLError(`not a cursor of this list: ${JSON.stringify(cursor)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return key as (string | number)[];
}
