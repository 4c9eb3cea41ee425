import { calculateObjectSize, ObjectId } from 'bson';
import { isPlainObject, type Doc } from '../bson/paths.ts';
import { maxWireBsonBytes } from '../bson/validateBson.ts';
import { MongoCommandError } from '../MongoCommandError.ts';

/** The largest document MongoDB stores (maxBsonObjectSize). */
export const maxDocumentBytes = 16 * 1024 * 1024;

/**
 * Levels of nesting a stored document may have, its top level included: the
 * server's maxBSONDepth (200) less the 20 it keeps for wrapping a document in
 * oplog entries and replies. (MongoDB documents 100; 180 is what it enforces.)
 */
export const maxDocumentDepth = 180;

export type DocumentWrite = 'insert' | 'update' | 'upsert';

/**
 * Refuses a document the server would refuse to store, with the server's own
 * codes and messages, before anything is written: over 16 MiB (BadValue for an
 * insert, 17419 for an update's result, 17420 for an upsert's new document,
 * and BSONObjectTooLarge once it is beyond what BSON on the wire may hold) or
 * nested deeper than 180 levels (Overflow). A document past these limits
 * could not be sent back to a driver, so accepting it would make its
 * collection unreadable. The insert checks size first, updates nesting
 * first, in the server's order.
 */
export function checkDocumentLimits(doc: Doc, write: DocumentWrite): void {
  if (write === 'insert') {
    const size = calculateObjectSize(doc, { ignoreUndefined: true });
    if (size > maxDocumentBytes) {
      throw new MongoCommandError('BadValue', `object to insert too large. size in bytes: ${size}, max size: ${maxDocumentBytes}`);
    }
    if (tooDeep(doc)) throw new MongoCommandError('Overflow', `cannot insert document because it exceeds ${maxDocumentDepth} levels of nesting`);
    return;
  }
  if (tooDeep(doc)) throw new MongoCommandError('Overflow', `Document exceeds maximum nesting depth of ${maxDocumentDepth}`);
  const size = calculateObjectSize(doc, { ignoreUndefined: true });
  if (size > maxWireBsonBytes) {
    throw new MongoCommandError(
      'BSONObjectTooLarge',
      `BSONObj size: ${size} (0x${size.toString(16).toUpperCase()}) is invalid. Size must be between 0 and ${maxWireBsonBytes}(16MB) First element: _id: ${describe(doc._id)}`,
    );
  }
  if (size <= maxDocumentBytes) return;
  if (write === 'update') throw new MongoCommandError('Location17419', `Resulting document after update is larger than ${maxDocumentBytes}`);
  throw new MongoCommandError('Location17420', `Document to upsert is larger than ${maxDocumentBytes}`);
}

/** Whether non-empty documents and arrays nest deeper than the limit (empty ones do not count, as on the server). */
function tooDeep(doc: Doc): boolean {
  // Iterative: a document as deep as an update can build must not overflow the stack here.
  const pending: unknown[] = [doc];
  const depths: number[] = [1];
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    const depth = depths.pop() as number;
    if (Array.isArray(value)) {
      if (value.length > 0 && depth > maxDocumentDepth) return true;
      for (const child of value) {
        if (Array.isArray(child) || isPlainObject(child)) {
          pending.push(child);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    const object = value as Doc;
    for (const key in object) {
      if (depth > maxDocumentDepth) return true;
      const child = object[key];
      if (Array.isArray(child) || isPlainObject(child)) {
        pending.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

function describe(id: unknown): string {
  if (typeof id === 'string') return JSON.stringify(id);
  if (id instanceof ObjectId) return `ObjectId('${id.toHexString()}')`;
  return String(id);
}
