import { Aggregator } from 'mingo';
import { valuesEqual } from '../bson/compareValues.ts';
import { cloneValue, isPlainObject, type Doc } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import { mingoOptions, translateMingoError } from '../query/mingoOptions.ts';
import { resolveUpdatePaths, type PositionalContext } from './resolveUpdatePaths.ts';
import { fieldOperators, renameField } from './updateOperators.ts';

export type UpdateKind = 'operators' | 'replacement' | 'pipeline';

/** Classifies an update document the way the server does, refusing mixtures. */
export function updateKind(update: unknown): UpdateKind {
  if (Array.isArray(update)) return 'pipeline';
  if (!isPlainObject(update)) throw new MongoCommandError('FailedToParse', 'Update argument must be either an object or an array');
  const keys = Object.keys(update);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length === 0) return 'replacement';
  if (operators.length !== keys.length) {
    const plain = keys.find((k) => !k.startsWith('$'));
    throw new MongoCommandError('FailedToParse', `Unknown modifier: ${plain}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  for (const op of operators) {
    if (op !== '$rename' && !(op in fieldOperators)) {
      throw new MongoCommandError('FailedToParse', `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
  }
  return 'operators';
}

/**
 * Returns the updated copy of `doc` (the stored document is never touched).
 * `isInsert` is true when building an upsert, which is what enables
 * $setOnInsert.
 */
export function applyUpdate(doc: Doc, update: unknown, ctx: PositionalContext, isInsert: boolean): Doc {
  const kind = updateKind(update);
  if (kind === 'replacement') return replaceDocument(doc, update as Doc);
  if (kind === 'pipeline') return applyPipeline(doc, update as Doc[]);
  checkArrayFilters(update as Doc, ctx);
  const { next, own } = copyOnWrite(doc);
  const touched: string[] = [];
  for (const [op, fields] of Object.entries(update as Doc)) {
    if (!isPlainObject(fields)) {
      throw new MongoCommandError(
        'FailedToParse',
        `Modifiers operate on fields but we found type ${Array.isArray(fields) ? 'array' : typeof fields} instead. For example: {$mod: {<field>: ...}} not {${op}: ${JSON.stringify(fields)}}`,
      );
    }
    for (const [path, argument] of Object.entries(fields)) {
      if (path.length === 0) throw new MongoCommandError('BadValue', `An empty update path is not valid.`);
      if (op === '$rename') {
        claim(touched, path);
        claim(touched, String(argument));
        own(path.split('.'));
        if (typeof argument === 'string') own(argument.split('.'));
        renameField(next, path.split('.'), argument as string);
        continue;
      }
      claim(touched, path.replace(/\.\$(\[[^\]]*\])?/g, '.$'));
      const operator = fieldOperators[op] as (typeof fieldOperators)[string];
      for (const concrete of resolveUpdatePaths(next, path, ctx)) {
        own(concrete);
        operator(next, concrete, argument, isInsert);
      }
    }
  }
  if (!isInsert && !valuesEqual(next._id, doc._id)) immutableId();
  return next;
}

/**
 * A copy of `doc` that shares everything with it until a path is about to be
 * written: `own(path)` copies (shallowly) each container on the way to the
 * path's last segment, once. Operators only ever replace the value at a path
 * (setAt, unsetAt), never change it in place, so the containers above it are
 * all they touch. Copying whole documents per update made devmongo's CPU grow
 * with document size: view documents that collect lists (bids, dashboards) were
 * cloned entirely for every event applied to them.
 */
function copyOnWrite(doc: Doc): { next: Doc; own: (path: readonly string[]) => void } {
  const next: Doc = { ...doc };
  const owned = new WeakSet<object>([next]);
  const own = (path: readonly string[]) => {
    let node: unknown = next;
    for (let i = 0; i < path.length - 1; i += 1) {
      const segment = path[i] as string;
      const parent = node as Doc & unknown[];
      const key: string | number = Array.isArray(parent) ? Number(segment) : segment;
      const child = (parent as Record<string | number, unknown>)[key];
      if (Array.isArray(child) || isPlainObject(child)) {
        if (!owned.has(child)) {
          const copy = Array.isArray(child) ? child.slice() : { ...child };
          (parent as Record<string | number, unknown>)[key] = copy;
          owned.add(copy);
          node = copy;
        } else node = child;
      } else return; // Missing or a scalar: setAt creates fresh containers from here, or refuses.
    }
  };
  return { next, own };
}

// The server rejects array filters no path uses, so a misspelt identifier is never ignored.
function checkArrayFilters(update: Doc, ctx: PositionalContext): void {
  if (ctx.arrayFilters.length === 0) return;
  const used = new Set<string>();
  for (const fields of Object.values(update)) {
    if (!isPlainObject(fields)) continue;
    for (const path of Object.keys(fields)) for (const match of path.matchAll(/\$\[([A-Za-z0-9]+)\]/g)) used.add(match[1] as string);
  }
  for (const filter of ctx.arrayFilters) {
    const identifier = Object.keys(filter)[0]?.split('.')[0];
    if (identifier !== undefined && !used.has(identifier)) {
      throw new MongoCommandError('FailedToParse', `The array filter for identifier '${identifier}' was not used in the update ${JSON.stringify(update)}`);
    }
  }
}

function claim(touched: string[], path: string): void {
  for (const other of touched) {
    if (other === path || other.startsWith(`${path}.`) || path.startsWith(`${other}.`)) {
      const shorter = other.length < path.length ? other : path;
      throw new MongoCommandError('ConflictingUpdateOperators', `Updating the path '${path}' would create a conflict at '${shorter}'`);
    }
  }
  touched.push(path);
}

function immutableId(): never {
  throw new MongoCommandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
}

function replaceDocument(doc: Doc, replacement: Doc): Doc {
  if ('_id' in replacement && doc._id !== undefined && !valuesEqual(replacement._id, doc._id)) {
    throw new MongoCommandError(
      'ImmutableField',
      `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${JSON.stringify(replacement._id)}`,
    );
  }
  const next: Doc = doc._id === undefined ? {} : { _id: doc._id };
  for (const [key, value] of Object.entries(replacement)) if (key !== '_id') next[key] = cloneValue(value);
  if (doc._id === undefined && '_id' in replacement) return { _id: replacement._id, ...next };
  return next;
}

const pipelineStages = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

function applyPipeline(doc: Doc, pipeline: Doc[]): Doc {
  for (const stage of pipeline) {
    const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
    if (!name || !pipelineStages.has(name)) {
      throw new MongoCommandError('InvalidOptions', `${name ?? 'stage'} is not allowed to be used within an update`);
    }
  }
  let result: Doc[];
  try {
    result = new Aggregator(pipeline, mingoOptions()).run([cloneValue(doc)]) as Doc[];
  } catch (error) {
    return translateMingoError(error, 'pipeline');
  }
  const next = result[0] ?? {};
  if (doc._id !== undefined && !valuesEqual(next._id, doc._id)) immutableId();
  return next;
}
