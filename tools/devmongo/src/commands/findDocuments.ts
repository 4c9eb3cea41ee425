import { isPlainObject, type Doc } from '../bson/paths.ts';
import { compileFilter } from '../query/compileFilter.ts';
import { planCandidates, planLookup } from '../query/planCandidates.ts';
import { sortDocuments } from '../query/sortDocuments.ts';
import type { Collection } from '../storage/Collection.ts';

/** Filter, sort, skip and limit over one collection: the shared core of find, count and findAndModify. */
export function findDocuments(collection: Collection | undefined, filter: unknown, options: { sort?: unknown; skip?: number; limit?: number } = {}): Doc[] {
  if (!collection) return [];
  const matches = compileFilter(filter);
  const skip = options.skip ?? 0;
  const limit = options.limit && options.limit !== 0 ? Math.abs(options.limit) : Infinity;
  const sorted = isPlainObject(options.sort) && Object.keys(options.sort).length > 0;
  const indexed = planLookup(collection, filter);
  const ordered = sorted && !indexed ? indexOrder(collection, options.sort as Doc) : undefined;
  const out: Doc[] = [];
  // Without a sort still to do, stop as soon as skip + limit documents matched.
  const wanted = sorted && !ordered ? Infinity : skip + limit;
  for (const doc of ordered ?? indexed ?? planCandidates(collection, filter)) {
    if (!matches(doc)) continue;
    out.push(doc);
    if (out.length >= wanted) break;
  }
  const result = sorted && !ordered ? sortDocuments(out, options.sort) : out;
  return result.slice(skip, limit === Infinity ? undefined : skip + limit);
}

/**
 * Documents in the order of a single-field sort, read from an index on that
 * field, so `sort + limit` over a large collection stops early instead of
 * sorting everything. Multikey indexes are skipped: arrays sort by their
 * smallest or largest element, which index order does not give.
 */
function indexOrder(collection: Collection, sort: Doc): Iterable<Doc> | undefined {
  const fields = Object.keys(sort);
  const field = fields[0];
  const direction = sort[field as string];
  if (fields.length !== 1 || (direction !== 1 && direction !== -1)) return undefined;
  for (const index of collection.indexes.values()) {
    if (index.firstField !== field || index.multikey || index.spec.sparse) continue;
    return (function* () {
      for (const id of index.idsInOrder(direction)) {
        const doc = collection.docs.get(id);
        if (doc) yield doc;
      }
    })();
  }
  return undefined;
}
