import { describe, expect, it } from 'vitest';
import { RecentTail } from './RecentTail.ts';
import type { RecordedEvent } from './types.ts';

const event = (position: number, size = 10): RecordedEvent => ({
  position,
  stream: 's',
  revision: position,
  id: `id-${position}`,
  type: 'T',
  contentType: 'application/json',
  createdMs: 0,
  data: Buffer.alloc(size),
  metadata: Buffer.alloc(0),
});

const positions = (events: readonly RecordedEvent[] | undefined) => events?.map((e) => e.position);

describe('RecentTail', () => {
  it('serves committed events from a position, and says when it does not reach back that far', () => {
    const tail = new RecentTail(4);
    expect(tail.from(1, 10)).toBeUndefined();
    for (let p = 5; p <= 9; p += 1) tail.stage(event(p));
    expect(tail.from(5, 10)).toEqual([]); // staged is not committed
    tail.commit();
    expect(positions(tail.from(5, 10))).toEqual([5, 6, 7, 8, 9]);
    expect(positions(tail.from(7, 2))).toEqual([7, 8]);
    expect(positions(tail.from(10, 10))).toEqual([]);
    expect(tail.from(4, 10)).toBeUndefined();
  });

  it('forgets what a rolled-back savepoint or a failed transaction staged', () => {
    const tail = new RecentTail(0);
    tail.stage(event(1));
    const mark = tail.mark;
    tail.stage(event(2));
    tail.rollbackTo(mark);
    tail.stage(event(2));
    tail.commit();
    tail.stage(event(3));
    tail.discard();
    tail.commit();
    expect(tail.from(1, 10)?.map((e) => e.id)).toEqual(['id-1', 'id-2']);
  });

  it('keeps the newest events within its count and byte bounds', () => {
    const byCount = new RecentTail(0, 100, 1e9);
    for (let p = 1; p <= 10_000; p += 1) {
      byCount.stage(event(p));
      byCount.commit();
    }
    expect(byCount.from(9_900, 1_000)).toBeUndefined();
    expect(positions(byCount.from(9_901, 1_000))).toHaveLength(100);

    const byBytes = new RecentTail(0, 1_000, 10 * 1_124);
    for (let p = 1; p <= 50; p += 1) byBytes.stage(event(p, 1_000));
    byBytes.commit();
    expect(byBytes.from(40, 100)).toBeUndefined();
    expect(positions(byBytes.from(41, 100))).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, 50]);
  });

  it('holds its own copy of bytes that were views into a larger buffer', () => {
    const chunk = Buffer.alloc(64 * 1024, 7);
    const tail = new RecentTail(0);
    tail.stage({ ...event(1), data: chunk.subarray(100, 110) });
    tail.commit();
    const [kept] = tail.from(1, 1) ?? [];
    expect(kept?.data.equals(Buffer.alloc(10, 7))).toBe(true);
    expect(kept?.data.buffer).not.toBe(chunk.buffer);
  });
});
