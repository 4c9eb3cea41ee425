import type { Doc } from '../bson/paths.ts';
import { isPlainObject } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import type { Catalog } from '../storage/Catalog.ts';
import type { Collection } from '../storage/Collection.ts';
import type { CursorRegistry } from './CursorRegistry.ts';

export interface CommandContext {
  readonly catalog: Catalog;
  readonly cursors: CursorRegistry;
  readonly connectionId: number;
  /** The command's `$db`. */
  readonly db: string;
}

export type CommandHandlerFn = (command: Doc, ctx: CommandContext) => Doc;

// Fields any command may carry: routing, sessions, concerns and tracing that
// change nothing about the result on a standalone in-memory server.
const genericFields = new Set([
  '$db',
  'lsid',
  '$clusterTime',
  '$readPreference',
  'readConcern',
  'writeConcern',
  'maxTimeMS',
  'comment',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);

/**
 * Refuses fields the handler does not implement, in the server's own IDL
 * error shape, so an option is never silently ignored.
 */
export function checkFields(command: Doc, allowed: readonly string[]): void {
  const name = Object.keys(command)[0] as string;
  for (const field of Object.keys(command)) {
    if (field === name || genericFields.has(field) || allowed.includes(field)) continue;
    if (field === 'txnNumber' || field === 'startTransaction' || field === 'autocommit') {
      throw new MongoCommandError('IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos');
    }
    if (field === 'collation') {
      checkCollation(command.collation);
      continue;
    }
    if (field === 'let') {
      if (isPlainObject(command.let) && Object.keys(command.let).length === 0) continue;
      throw new MongoCommandError('BadValue', `devmongo does not support 'let' variables in ${name}`);
    }
    throw new MongoCommandError('Location40415', `BSON field '${name}.${field}' is an unknown field.`);
  }
}

/** Checks the fields of one statement inside a write command (updates[i], deletes[i]). */
export function checkStatementFields(where: string, statement: Doc, allowed: readonly string[]): void {
  for (const field of Object.keys(statement)) {
    if (allowed.includes(field)) continue;
    if (field === 'collation') {
      checkCollation(statement.collation);
      continue;
    }
    throw new MongoCommandError('Location40415', `BSON field '${where}.${field}' is an unknown field.`);
  }
}

export function checkCollation(collation: unknown): void {
  if (collation === undefined || (isPlainObject(collation) && collation.locale === 'simple')) return;
  throw new MongoCommandError('BadValue', 'devmongo supports only the simple collation');
}

export function collectionName(command: Doc): string {
  const name = Object.values(command)[0];
  if (typeof name !== 'string' || name.length === 0) {
    throw new MongoCommandError('InvalidNamespace', `collection name has invalid type ${typeof name}`);
  }
  return name;
}

/** Index hints change the plan, never the answer; a hint naming no index is an error on the server too. */
export function checkHint(collection: Collection | undefined, hint: unknown): void {
  if (hint === undefined) return;
  if (isPlainObject(hint) && '$natural' in hint) return;
  const specs = collection?.indexSpecs ?? [];
  const found = specs.some((spec) =>
    typeof hint === 'string' ? spec.name === hint : isPlainObject(hint) && JSON.stringify(spec.key) === JSON.stringify(hint),
  );
  if (!found) throw new MongoCommandError('BadValue', 'hint provided does not correspond to an existing index');
}

export function optionalNumber(command: Doc, field: string): number | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw new MongoCommandError('TypeMismatch', `BSON field '${field}' is the wrong type '${typeof value}', expected a number`);
  return value;
}
