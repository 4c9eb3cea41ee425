import { ObjectId } from 'bson';
import { compareValues } from '../bson/compareValues.ts';
import { isPlainObject, type Doc } from '../bson/paths.ts';
import { MongoCommandError, toMongoError } from '../MongoCommandError.ts';
import { compileFilter } from '../query/compileFilter.ts';
import { planCandidates } from '../query/planCandidates.ts';
import { applyUpdate, updateKind } from '../update/applyUpdate.ts';
import { buildUpsertDocument } from '../update/buildUpsertDocument.ts';
import { checkDocumentLimits } from './checkDocumentLimits.ts';
import { checkFields, checkHint, checkStatementFields, collectionName, type CommandContext, type CommandHandlerFn } from './CommandContext.ts';

/**
 * Runs each statement of a write command, collecting per-statement errors as
 * `writeErrors`; ordered batches stop at the first one, like the server.
 */
function runStatements(command: Doc, field: string, run: (statement: Doc, index: number) => void): Doc[] {
  const statements = command[field];
  if (!Array.isArray(statements)) throw new MongoCommandError('TypeMismatch', `BSON field '${field}' is missing or not an array`);
  const ordered = command.ordered !== false;
  const writeErrors: Doc[] = [];
  for (let i = 0; i < statements.length; i++) {
    try {
      const statement = statements[i] as unknown;
      if (!isPlainObject(statement)) throw new MongoCommandError('TypeMismatch', `${field}.${i} must be an object`);
      run(statement, i);
    } catch (error) {
      writeErrors.push(toMongoError(error).toWriteError(i));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withErrors(reply: Doc, writeErrors: Doc[]): Doc {
  return writeErrors.length > 0 ? { ...reply, writeErrors } : reply;
}

function insert(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['documents', 'ordered', 'bypassDocumentValidation']);
  const collection = ctx.catalog.getOrCreate(ctx.db, collectionName(command));
  let n = 0;
  const writeErrors = runStatements(command, 'documents', (doc) => {
    checkDocumentLimits(doc, 'insert');
    if (Array.isArray(doc._id)) throw new MongoCommandError('InvalidIdField', "The '_id' value cannot be of type array");
    if (doc._id instanceof RegExp) throw new MongoCommandError('InvalidIdField', "The '_id' value cannot be of type regex");
    collection.insert(doc._id === undefined ? { _id: new ObjectId(), ...doc } : doc);
    n += 1;
  });
  return withErrors({ n, ok: 1 }, writeErrors);
}

function update(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['updates', 'ordered', 'bypassDocumentValidation']);
  const name = collectionName(command);
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const writeErrors = runStatements(command, 'updates', (statement, index) => {
    checkStatementFields('update.updates', statement, ['q', 'u', 'upsert', 'multi', 'arrayFilters', 'hint']);
    const query = (statement.q ?? {}) as Doc;
    const kind = updateKind(statement.u);
    if (statement.multi === true && kind === 'replacement') {
      throw new MongoCommandError('FailedToParse', 'multi update is not supported for replacement-style update');
    }
    const arrayFilters = (statement.arrayFilters ?? []) as Doc[];
    if (!Array.isArray(arrayFilters)) throw new MongoCommandError('TypeMismatch', 'arrayFilters must be an array');
    const positional = { query, arrayFilters };
    const existing = ctx.catalog.get(ctx.db, name);
    checkHint(existing, statement.hint);
    const matches = compileFilter(query);
    let matched = 0;
    if (existing) {
      for (const doc of [...planCandidates(existing, query)]) {
        if (!matches(doc)) continue;
        matched += 1;
        const next = applyUpdate(doc, statement.u, positional, false);
        if (compareValues(doc, next) !== 0) {
          checkDocumentLimits(next, 'update');
          existing.replace(doc, next);
          nModified += 1;
        }
        if (statement.multi !== true) break;
      }
    }
    n += matched;
    if (matched === 0 && statement.upsert === true) {
      const doc = buildUpsertDocument(query, statement.u, positional);
      checkDocumentLimits(doc, 'upsert');
      ctx.catalog.getOrCreate(ctx.db, name).insert(doc);
      n += 1;
      upserted.push({ index, _id: doc._id });
    }
  });
  return withErrors({ n, nModified, ...(upserted.length > 0 ? { upserted } : {}), ok: 1 }, writeErrors);
}

function remove(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['deletes', 'ordered']);
  const collection = ctx.catalog.get(ctx.db, collectionName(command));
  let n = 0;
  const writeErrors = runStatements(command, 'deletes', (statement) => {
    checkStatementFields('delete.deletes', statement, ['q', 'limit', 'hint']);
    if (statement.limit !== 0 && statement.limit !== 1) throw new MongoCommandError('FailedToParse', 'The limit field in delete objects must be 0 or 1');
    checkHint(collection, statement.hint);
    if (!collection) return;
    const query = (statement.q ?? {}) as Doc;
    const matches = compileFilter(query);
    for (const doc of [...planCandidates(collection, query)]) {
      if (!matches(doc)) continue;
      collection.remove(doc);
      n += 1;
      if (statement.limit === 1) break;
    }
  });
  return withErrors({ n, ok: 1 }, writeErrors);
}

export const writeCommands: Readonly<Record<string, CommandHandlerFn>> = { insert, update, delete: remove };
