import { keyOf } from '../bson/keyOf.ts';
import { compareValues } from '../bson/compareValues.ts';
import { isPlainObject, valuesAtPath, type Doc } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import { projectDocuments } from '../query/projectDocuments.ts';
import { checkFields, checkHint, collectionName, optionalNumber, type CommandContext, type CommandHandlerFn } from './CommandContext.ts';
import { findDocuments } from './findDocuments.ts';

const refusedFindOptions = ['min', 'max', 'returnKey', 'showRecordId', 'tailable', 'awaitData', 'oplogReplay', 'allowPartialResults'];

function find(command: Doc, ctx: CommandContext): Doc {
  for (const option of refusedFindOptions) {
    if (command[option] !== undefined && command[option] !== false) {
      throw new MongoCommandError('BadValue', `devmongo does not support the find option '${option}'`);
    }
  }
  checkFields(command, [
    'filter',
    'sort',
    'projection',
    'skip',
    'limit',
    'batchSize',
    'singleBatch',
    'hint',
    'allowDiskUse',
    'noCursorTimeout',
    ...refusedFindOptions,
  ]);
  const name = collectionName(command);
  const collection = ctx.catalog.get(ctx.db, name);
  checkHint(collection, command.hint);
  const limit = optionalNumber(command, 'limit');
  const skip = optionalNumber(command, 'skip');
  if (skip !== undefined && skip < 0) throw new MongoCommandError('BadValue', 'skip value must be non-negative');
  if (limit !== undefined && limit < 0) throw new MongoCommandError('BadValue', 'limit value must be non-negative');
  const docs = projectDocuments(findDocuments(collection, command.filter, { sort: command.sort, skip, limit }), command.projection);
  const batchSize = optionalNumber(command, 'batchSize');
  return ctx.cursors.open(`${ctx.db}.${name}`, docs, batchSize, command.singleBatch === true, command.noCursorTimeout === true);
}

function getMore(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['collection', 'batchSize']);
  const id = Number(command.getMore);
  return ctx.cursors.getMore(id, `${ctx.db}.${String(command.collection)}`, optionalNumber(command, 'batchSize'));
}

function killCursors(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['cursors']);
  const ids = Array.isArray(command.cursors) ? command.cursors.map(Number) : [];
  return ctx.cursors.kill(ids);
}

function count(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['query', 'limit', 'skip', 'hint']);
  const collection = ctx.catalog.get(ctx.db, collectionName(command));
  checkHint(collection, command.hint);
  const query = command.query;
  const skip = optionalNumber(command, 'skip') ?? 0;
  const limit = optionalNumber(command, 'limit') ?? 0;
  if (!collection) return { n: 0, ok: 1 };
  if ((query === undefined || (isPlainObject(query) && Object.keys(query).length === 0)) && skip === 0 && limit === 0) {
    return { n: collection.docs.size, ok: 1 };
  }
  return { n: findDocuments(collection, query, { skip, limit }).length, ok: 1 };
}

function distinct(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['key', 'query', 'hint']);
  const collection = ctx.catalog.get(ctx.db, collectionName(command));
  checkHint(collection, command.hint);
  if (typeof command.key !== 'string') throw new MongoCommandError('TypeMismatch', "BSON field 'distinct.key' is missing or not a string");
  const path = command.key.split('.');
  const seen = new Map<string, unknown>();
  for (const doc of findDocuments(collection, command.query)) {
    for (const value of valuesAtPath(doc, path)) {
      for (const v of Array.isArray(value) ? value : [value]) {
        const key = keyOf(v);
        if (!seen.has(key)) seen.set(key, v);
      }
    }
  }
  return { values: [...seen.values()].sort(compareValues), ok: 1 };
}

export const readCommands: Readonly<Record<string, CommandHandlerFn>> = { find, getMore, killCursors, count, distinct };
