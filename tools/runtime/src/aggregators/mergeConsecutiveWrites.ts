import type { PlannedWrite } from './toBulkOperations.ts';
import { UpdateMerger } from './UpdateMerger.ts';
import type { ViewUpdate } from './AggregatorDefinition.ts';

const mergeable = (w: PlannedWrite): w is PlannedWrite & { change: { update: ViewUpdate; upsert: true } } =>
  'update' in w.change && w.change.upsert && !Array.isArray(w.change.update);

/**
 * Merges runs of upserts to one document that follow each other in one
 * collection's writes (nothing else written to that collection in between,
 * so no other document's write changes order) into one write, when
 * `UpdateMerger` can make it exact. Replays stay idempotent: the merged write
 * is guarded by its first event's position and moves `_position` to its
 * last. If the document is already past the first event (a replay whose
 * batches were cut elsewhere), the guarded upsert fails with a duplicate key
 * and the writer applies the parts one by one, each with its own guard.
 */
export function mergeConsecutiveWrites(writes: readonly PlannedWrite[]): PlannedWrite[] {
  const out: PlannedWrite[] = [];
  let i = 0;
  while (i < writes.length) {
    const first = writes[i] as PlannedWrite;
    const next = writes[i + 1];
    if (!next || next.id !== first.id || !mergeable(first) || !mergeable(next)) {
      out.push(first);
      i += 1;
      continue;
    }
    const merger = new UpdateMerger();
    let end = i;
    if (merger.add(first.change.update)) {
      end = i + 1;
      for (let w = writes[end]; w && w.id === first.id && mergeable(w) && merger.add(w.change.update); w = writes[end]) end += 1;
    }
    if (end - i < 2) {
      out.push(first);
      i += 1;
      continue;
    }
    const parts = writes.slice(i, end);
    const last = parts[parts.length - 1] as PlannedWrite;
    out.push({
      collection: first.collection,
      id: first.id,
      position: last.position,
      guard: first.guard,
      change: { update: merger.build() as ViewUpdate, upsert: true },
      parts,
    });
    i = end;
  }
  return out;
}
