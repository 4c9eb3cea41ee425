import { isPlainObject, type Doc } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import type { IndexSpec } from '../storage/CollectionIndex.ts';
import { checkFields, collectionName, type CommandContext, type CommandHandlerFn } from './CommandContext.ts';

const acceptedSpecFields = new Set(['key', 'name', 'unique', 'sparse', 'background', 'v', 'ns']);

function toSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw) || !isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw new MongoCommandError('FailedToParse', "Error in specification: the 'key' field must be a non-empty object");
  }
  for (const field of Object.keys(raw)) {
    if (!acceptedSpecFields.has(field)) {
      throw new MongoCommandError('InvalidOptions', `devmongo does not support the index option '${field}'`);
    }
  }
  const key: Record<string, 1 | -1> = {};
  for (const [field, direction] of Object.entries(raw.key)) {
    if (direction !== 1 && direction !== -1) {
      throw new MongoCommandError(
        'BadValue',
        `devmongo supports only ascending/descending indexes; unsupported index type ${JSON.stringify(direction)} for field '${field}'`,
      );
    }
    key[field] = direction;
  }
  const name =
    typeof raw.name === 'string'
      ? raw.name
      : Object.entries(key)
          .map(([f, d]) => `${f}_${d}`)
          .join('_');
  return { name, key, ...(raw.unique === true ? { unique: true } : {}), ...(raw.sparse === true ? { sparse: true } : {}) };
}

const sameKey = (a: IndexSpec, b: IndexSpec) => JSON.stringify(a.key) === JSON.stringify(b.key);
const sameOptions = (a: IndexSpec, b: IndexSpec) => Boolean(a.unique) === Boolean(b.unique) && Boolean(a.sparse) === Boolean(b.sparse);

function createIndexes(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['indexes', 'commitQuorum']);
  if (!Array.isArray(command.indexes) || command.indexes.length === 0) {
    throw new MongoCommandError('BadValue', 'Must specify at least one index to create');
  }
  const specs = command.indexes.map(toSpec);
  const name = collectionName(command);
  const created = ctx.catalog.get(ctx.db, name) === undefined;
  const collection = ctx.catalog.getOrCreate(ctx.db, name);
  const before = collection.indexes.size;
  const added: string[] = [];
  for (const spec of specs) {
    const existing = collection.indexSpecs;
    const byName = existing.find((e) => e.name === spec.name);
    const byKey = existing.find((e) => sameKey(e, spec));
    if (byName && !sameKey(byName, spec)) {
      throw new MongoCommandError('IndexKeySpecsConflict', `An existing index has the same name as the requested index but different key: ${spec.name}`);
    }
    if (byKey && (byKey.name !== spec.name || !sameOptions(byKey, spec))) {
      if (spec.key._id !== undefined && Object.keys(spec.key).length === 1 && !spec.unique && !spec.sparse) continue;
      throw new MongoCommandError('IndexOptionsConflict', `Index already exists with a different name or options: ${byKey.name}`);
    }
    if (byName) continue;
    try {
      collection.addIndex(spec);
      added.push(spec.name);
    } catch (error) {
      // One command builds all its indexes or none, as on the server.
      for (const name of added) collection.dropIndex(name);
      throw error;
    }
  }
  const after = collection.indexes.size;
  return {
    numIndexesBefore: before,
    numIndexesAfter: after,
    createdCollectionAutomatically: created,
    ...(after === before ? { note: 'all indexes already exist' } : {}),
    ok: 1,
  };
}

function listIndexes(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['cursor']);
  const name = collectionName(command);
  const collection = ctx.catalog.get(ctx.db, name);
  if (!collection) throw new MongoCommandError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${name}`);
  const docs = collection.indexSpecs.map((spec) => ({
    v: 2,
    key: spec.key,
    name: spec.name,
    ...(spec.unique ? { unique: true } : {}),
    ...(spec.sparse ? { sparse: true } : {}),
  }));
  const batchSize = isPlainObject(command.cursor) && typeof command.cursor.batchSize === 'number' ? command.cursor.batchSize : undefined;
  return ctx.cursors.open(`${ctx.db}.${name}`, docs, batchSize);
}

function dropIndexes(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['index']);
  const name = collectionName(command);
  const collection = ctx.catalog.get(ctx.db, name);
  if (!collection) throw new MongoCommandError('NamespaceNotFound', `ns not found ${ctx.db}.${name}`);
  const was = collection.indexes.size;
  const target = command.index;
  let names: string[];
  if (target === '*') names = collection.indexSpecs.map((s) => s.name).filter((n) => n !== '_id_');
  else if (typeof target === 'string') names = [target];
  else if (Array.isArray(target)) names = target.map(String);
  else if (isPlainObject(target)) {
    const match = collection.indexSpecs.find((s) => JSON.stringify(s.key) === JSON.stringify(target));
    if (!match) throw new MongoCommandError('IndexNotFound', `can't find index with key: ${JSON.stringify(target)}`);
    names = [match.name];
  } else throw new MongoCommandError('TypeMismatch', "BSON field 'dropIndexes.index' has an invalid type");
  for (const index of names) {
    if (index === '_id_') throw new MongoCommandError('InvalidOptions', 'cannot drop _id index');
    if (!collection.indexes.has(index)) throw new MongoCommandError('IndexNotFound', `index not found with name [${index}]`);
  }
  for (const index of names) collection.dropIndex(index);
  return { nIndexesWas: was, ok: 1 };
}

export const indexCommands: Readonly<Record<string, CommandHandlerFn>> = { createIndexes, listIndexes, dropIndexes, deleteIndexes: dropIndexes };
