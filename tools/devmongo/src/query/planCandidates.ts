import { typeRank } from '../bson/compareValues.ts';
import { isPlainObject, type Doc } from '../bson/paths.ts';
import type { Collection } from '../storage/Collection.ts';
import type { FieldBounds } from '../storage/CollectionIndex.ts';

interface FieldCondition {
  equals?: unknown[];
  bounds?: FieldBounds;
}

/**
 * The documents that may match `filter`, found through an index where the
 * filter pins an indexed field (equality, $in or a range) so that such lookups
 * never walk the collection. Callers still apply the full filter.
 */
export function planCandidates(collection: Collection, filter: unknown): Iterable<Doc> {
  return planLookup(collection, filter) ?? collection.docs.values();
}

/** The index-selected candidates, or undefined when only a collection scan would do. */
export function planLookup(collection: Collection, filter: unknown): Doc[] | undefined {
  const conditions = new Map<string, FieldCondition>();
  if (isPlainObject(filter)) collectConditions(filter, conditions);
  if (conditions.size === 0) return planOr(collection, filter);

  const byId = conditions.get('_id');
  if (byId?.equals) {
    const found: Doc[] = [];
    for (const value of byId.equals) {
      const doc = collection.getById(value);
      if (doc && !found.includes(doc)) found.push(doc);
    }
    return found;
  }

  let best: { ids: () => Set<string>; rank: number } | undefined;
  for (const index of collection.indexes.values()) {
    if (index.spec.sparse) continue;
    const condition = conditions.get(index.firstField);
    if (!condition) continue;
    if (condition.equals) {
      const rank = index.spec.unique ? 0 : 1;
      if (!best || rank < best.rank) {
        const equals = condition.equals;
        best = {
          rank,
          ids: () => {
            const ids = new Set<string>();
            for (const value of equals) index.idsInRange({ lower: { value, inclusive: true }, upper: { value, inclusive: true } }, ids);
            return ids;
          },
        };
      }
    } else if (condition.bounds && (!best || best.rank > 2)) {
      // On a multikey index both bounds may be met by different elements, so only one side is safe.
      const bounds = index.multikey && condition.bounds.lower ? { lower: condition.bounds.lower } : condition.bounds;
      best = {
        rank: 2,
        ids: () => {
          const ids = new Set<string>();
          index.idsInRange(bounds, ids);
          return ids;
        },
      };
    }
  }
  if (!best) return planOr(collection, filter);
  const docs: Doc[] = [];
  for (const id of best.ids()) {
    const doc = collection.docs.get(id);
    if (doc) docs.push(doc);
  }
  return docs;
}

// An $or whose every branch is plannable is the union of the branches' candidates.
function planOr(collection: Collection, filter: unknown): Doc[] | undefined {
  if (!isPlainObject(filter) || !Array.isArray(filter.$or) || filter.$or.length === 0) return undefined;
  const union = new Set<Doc>();
  for (const branch of filter.$or) {
    const docs = planLookup(collection, branch);
    if (!docs) return undefined;
    for (const doc of docs) union.add(doc);
  }
  return [...union];
}

function indexable(value: unknown): boolean {
  const rank = typeRank(value);
  return rank !== 6 && rank !== 12 && rank !== 1 && rank !== 13;
}

function collectConditions(filter: Doc, into: Map<string, FieldCondition>): void {
  for (const [field, value] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(value)) {
      for (const part of value) if (isPlainObject(part)) collectConditions(part, into);
      continue;
    }
    if (field.startsWith('$')) continue;
    const condition = conditionOf(value);
    if (condition && !into.has(field)) into.set(field, condition);
  }
}

function conditionOf(value: unknown): FieldCondition | undefined {
  if (!isPlainObject(value) || !Object.keys(value).some((k) => k.startsWith('$'))) {
    return indexable(value) ? { equals: [value] } : undefined;
  }
  if ('$eq' in value && indexable(value.$eq)) return { equals: [value.$eq] };
  if ('$in' in value && Array.isArray(value.$in) && value.$in.every(indexable)) return { equals: value.$in };
  let lower: FieldBounds['lower'];
  let upper: FieldBounds['upper'];
  for (const [op, bound] of Object.entries(value)) {
    if (bound === null || !indexable(bound) || typeRank(bound) === 5) continue;
    if (op === '$gt' || op === '$gte') lower = { value: bound, inclusive: op === '$gte' };
    if (op === '$lt' || op === '$lte') upper = { value: bound, inclusive: op === '$lte' };
  }
  if (lower && upper && typeRank(lower.value) !== typeRank(upper.value)) upper = undefined;
  return lower || upper ? { bounds: { lower, upper } } : undefined;
}
