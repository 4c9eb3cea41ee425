import { Query } from 'mingo';
import { isPlainObject, type Doc } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import { mingoOptions, translateMingoError } from '../query/mingoOptions.ts';
import { getAt } from './docPaths.ts';

export interface PositionalContext {
  readonly query: Doc;
  readonly arrayFilters: readonly Doc[];
}

/**
 * Expands `$`, `$[]` and `$[identifier]` in an update path into the concrete
 * paths they address in `doc`. Plain paths come back unchanged.
 */
export function resolveUpdatePaths(doc: Doc, path: string, ctx: PositionalContext): string[][] {
  const segments = path.split('.');
  if (!segments.some((s) => s.startsWith('$'))) return [segments];
  let partial: string[][] = [[]];
  for (const segment of segments) {
    if (!segment.startsWith('$')) {
      partial = partial.map((p) => [...p, segment]);
      continue;
    }
    const next: string[][] = [];
    for (const prefix of partial) {
      const array = getAt(doc, prefix);
      if (!Array.isArray(array)) {
        if (segment === '$') throw new MongoCommandError('BadValue', 'The positional operator did not find the match needed from the query.');
        throw new MongoCommandError('BadValue', `The path '${prefix.join('.')}' must exist in the document in order to apply array updates.`);
      }
      for (const index of matchingIndexes(array, prefix, segment, ctx)) next.push([...prefix, String(index)]);
    }
    partial = next;
  }
  return partial;
}

function matchingIndexes(array: unknown[], prefix: string[], segment: string, ctx: PositionalContext): number[] {
  if (segment === '$[]') return array.map((_, i) => i);
  if (segment === '$') {
    const index = firstQueryMatch(array, prefix.join('.'), ctx.query);
    if (index < 0) throw new MongoCommandError('BadValue', 'The positional operator did not find the match needed from the query.');
    return [index];
  }
  const identifier = /^\$\[([a-z][A-Za-z0-9]*)\]$/.exec(segment)?.[1];
  if (!identifier) throw new MongoCommandError('BadValue', `Unsupported positional segment '${segment}'`);
  const filter = ctx.arrayFilters.find((f) => Object.keys(f).some((k) => k === identifier || k.startsWith(`${identifier}.`)));
  if (!filter) {
    throw new MongoCommandError('BadValue', `No array filter found for identifier '${identifier}' in path '${[...prefix, segment].join('.')}'`);
  }
  const query = compile(filter);
  return array.flatMap((element, i) => (query.test({ [identifier]: element }) ? [i] : []));
}

// `$` names the first element that satisfied every query condition on that array field.
function firstQueryMatch(array: unknown[], arrayField: string, query: Doc): number {
  const conditions: Doc = {};
  collect(query, arrayField, conditions);
  if (Object.keys(conditions).length === 0) return -1;
  const test = compile(conditions);
  return array.findIndex((element) => test.test({ e: element }));
}

function collect(query: Doc, arrayField: string, into: Doc): void {
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) if (isPlainObject(part)) collect(part, arrayField, into);
    } else if (key === arrayField) {
      const inner = isPlainObject(value) ? value.$elemMatch : undefined;
      if (isPlainObject(inner) && !Object.keys(inner).every((k) => k.startsWith('$'))) {
        // {$elemMatch: {a: 1}} constrains fields of the element itself.
        for (const [field, condition] of Object.entries(inner)) into[field.startsWith('$') ? field : `e.${field}`] = condition;
      } else into.e = inner ?? value;
    } else if (key.startsWith(`${arrayField}.`)) {
      into[`e.${key.slice(arrayField.length + 1)}`] = value;
    }
  }
}

function compile(filter: Doc): Query {
  try {
    return new Query(filter, mingoOptions());
  } catch (error) {
    return translateMingoError(error, 'query');
  }
}
