import { describe, expect, it } from 'vitest';
import { mergeConsecutiveWrites } from './mergeConsecutiveWrites.ts';
import type { PlannedWrite } from './toBulkOperations.ts';

const update = (id: string, position: string, set: Record<string, unknown>, upsert = true): PlannedWrite => ({
  collection: 'c',
  id,
  position,
  guard: position,
  change: { update: { $set: set, $inc: { n: 1 } }, upsert },
});

describe('mergeConsecutiveWrites', () => {
  it('merges a run of upserts to one document, guarded by its first position, moving to its last', () => {
    const writes = [update('a', '1', { v: 1 }), update('a', '2', { v: 2 }), update('a', '3', { v: 3 }), update('b', '4', { v: 4 }), update('a', '5', { v: 5 })];
    const merged = mergeConsecutiveWrites(writes);
    expect(merged.map((w) => [w.id, w.guard, w.position, w.parts?.length ?? 1])).toEqual([
      ['a', '1', '3', 3],
      ['b', '4', '4', 1],
      ['a', '5', '5', 1],
    ]);
    expect(merged[0]?.change).toEqual({ update: { $set: { v: 3 }, $inc: { n: 3 } }, upsert: true });
    expect(merged[0]?.parts).toEqual(writes.slice(0, 3));
    expect(merged[1]).toBe(writes[3]);
  });

  it('leaves deletes, pipelines, plain updates (no upsert) and refused merges apart', () => {
    const del: PlannedWrite = { collection: 'c', id: 'a', position: '2', guard: '2', change: { delete: true } };
    const pipeline: PlannedWrite = { collection: 'c', id: 'a', position: '3', guard: '3', change: { update: [{ $set: { v: 1 } }], upsert: true } };
    const conflicting: PlannedWrite = { collection: 'c', id: 'a', position: '6', guard: '6', change: { update: { $set: { n: 0 } }, upsert: true } };
    const writes = [update('a', '1', {}), del, pipeline, update('a', '4', {}), update('a', '5', {}, false), update('a', '5b', {}), conflicting];
    expect(mergeConsecutiveWrites(writes)).toEqual(writes);
  });
});
