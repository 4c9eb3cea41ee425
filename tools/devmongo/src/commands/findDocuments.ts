import type { Doc } from '../bson/paths.ts';
import { compileFilter } from '../query/compileFilter.ts';
import { planCandidates } from '../query/planCandidates.ts';
import { sortDocuments } from '../query/sortDocuments.ts';
import type { Collection } from '../storage/Collection.ts';

/** Filter, sort, skip and limit over one collection: the shared core of find, count and findAndModify. */
export function findDocuments(
  collection: Collection | undefined,
  filter: unknown,
  options: { sort?: unknown; skip?: number; limit?: number } = {},
): Doc[] {
  if (!collection) return [];
  const matches = compileFilter(filter);
  const skip = options.skip ?? 0;
  const limit = options.limit && options.limit !== 0 ? Math.abs(options.limit) : Infinity;
  const sorted = options.sort !== undefined && options.sort !== null && Object.keys(options.sort as object).length > 0;
  const out: Doc[] = [];
  // Without a sort, stop as soon as skip + limit documents matched.
  const wanted = sorted ? Infinity : skip + limit;
  for (const doc of planCandidates(collection, filter)) {
    if (!matches(doc)) continue;
    out.push(doc);
    if (out.length >= wanted) break;
  }
  const ordered = sorted ? sortDocuments(out, options.sort) : out;
  return ordered.slice(skip, limit === Infinity ? undefined : skip + limit);
}
