import { ObjectId } from 'bson';
import { cloneValue, isPlainObject, type Doc } from '../bson/paths.ts';
import { setAt } from './docPaths.ts';
import { applyUpdate, updateKind } from './applyUpdate.ts';
import type { PositionalContext } from './resolveUpdatePaths.ts';

/**
 * The document an upsert inserts: the query's equality fields (so a stale
 * conditional upsert keeps its _id and trips the unique index, as on the
 * server), then the update applied with $setOnInsert enabled, _id first.
 */
export function buildUpsertDocument(query: Doc, update: unknown, ctx: PositionalContext): Doc {
  let doc: Doc = {};
  if (updateKind(update) === 'replacement') {
    const id = equalityValue(query._id);
    doc = id === undefined ? {} : { _id: id };
  } else collectEqualities(query, doc);
  const applied = applyUpdate(doc, update, ctx, true);
  if (applied._id === undefined) return { _id: new ObjectId(), ...applied };
  const { _id, ...rest } = applied;
  return { _id, ...rest };
}

function equalityValue(condition: unknown): unknown {
  if (isPlainObject(condition)) {
    const keys = Object.keys(condition);
    if (keys.length === 1 && keys[0] === '$eq') return condition.$eq;
    if (keys.some((k) => k.startsWith('$'))) return undefined;
  }
  return condition;
}

function collectEqualities(query: Doc, into: Doc): void {
  for (const [key, condition] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) collectEqualities(part, into);
      continue;
    }
    if (key.startsWith('$')) continue;
    const value = equalityValue(condition);
    if (value !== undefined && !(value instanceof RegExp)) setAt(into, key.split('.'), cloneValue(value));
  }
}
