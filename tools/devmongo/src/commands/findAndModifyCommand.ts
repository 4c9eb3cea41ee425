import { compareValues } from '../bson/compareValues.ts';
import type { Doc } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import { projectDocuments } from '../query/projectDocuments.ts';
import { applyUpdate } from '../update/applyUpdate.ts';
import { buildUpsertDocument } from '../update/buildUpsertDocument.ts';
import { checkDocumentLimits } from './checkDocumentLimits.ts';
import { checkFields, checkHint, collectionName, type CommandContext, type CommandHandlerFn } from './CommandContext.ts';
import { findDocuments } from './findDocuments.ts';

function project(doc: Doc | undefined, fields: unknown): Doc | null {
  if (!doc) return null;
  return projectDocuments([doc], fields)[0] ?? null;
}

function findAndModify(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['query', 'sort', 'remove', 'update', 'new', 'fields', 'upsert', 'arrayFilters', 'bypassDocumentValidation', 'hint']);
  const name = collectionName(command);
  const collection = ctx.catalog.get(ctx.db, name);
  checkHint(collection, command.hint);
  const remove = command.remove === true;
  if (remove === (command.update !== undefined)) {
    throw new MongoCommandError('FailedToParse', 'Either an update or remove=true must be specified');
  }
  if (remove && (command.upsert === true || command.new === true)) {
    throw new MongoCommandError('FailedToParse', 'Cannot specify both an upsert and remove=true, or new=true and remove=true');
  }
  const query = (command.query ?? {}) as Doc;
  const [found] = findDocuments(collection, query, { sort: command.sort, limit: 1 });
  if (remove) {
    if (found && collection) collection.remove(found);
    return { lastErrorObject: { n: found ? 1 : 0 }, value: project(found, command.fields), ok: 1 };
  }
  const arrayFilters = (command.arrayFilters ?? []) as Doc[];
  const positional = { query, arrayFilters };
  if (found && collection) {
    const next = applyUpdate(found, command.update, positional, false);
    if (compareValues(found, next) !== 0) {
      checkDocumentLimits(next, 'update');
      collection.replace(found, next);
    }
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: project(command.new === true ? next : found, command.fields),
      ok: 1,
    };
  }
  if (command.upsert === true) {
    const doc = buildUpsertDocument(query, command.update, positional);
    checkDocumentLimits(doc, 'upsert');
    ctx.catalog.getOrCreate(ctx.db, name).insert(doc);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
      value: command.new === true ? project(doc, command.fields) : null,
      ok: 1,
    };
  }
  return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
}

export const findAndModifyCommands: Readonly<Record<string, CommandHandlerFn>> = { findAndModify, findandmodify: findAndModify };
