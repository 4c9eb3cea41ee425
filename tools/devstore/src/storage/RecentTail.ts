import type { RecordedEvent } from './types.ts';

const ownCopy = (bytes: Buffer): Buffer => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Buffer.from(bytes));

/**
 * The most recently committed events of `$all`, in memory. Every live
 * subscription wakes on each commit and reads what follows its position:
 * with a dozen subscribers that was a dozen SQLite queries per commit for the
 * same few rows. Serving them from here costs a binary search and a slice,
 * and the events are shared, so their wire encoding is shared too
 * (encodeReadEvent caches per event object). Bounded by count and bytes.
 */
export class RecentTail {
  private events: RecordedEvent[] = [];
  private start = 0;
  private bytes = 0;
  private pending: RecordedEvent[] = [];
  /** The lowest position this tail answers for: every committed event from there on is here. */
  private floor: number;

  /** `after`: the last position committed before this tail started (0 for an empty log). */
  constructor(
    after: number,
    private readonly maxEvents = 8_192,
    private readonly maxBytes = 16 * 1024 * 1024,
  ) {
    this.floor = after + 1;
  }

  /** An event written in the transaction under way (its savepoint may still roll back). */
  stage(event: RecordedEvent): void {
    // Request bytes arrive as views into larger HTTP/2 chunks; holding a view
    // would keep the whole chunk alive for as long as the event stays here.
    this.pending.push({ ...event, data: ownCopy(event.data), metadata: ownCopy(event.metadata) });
  }

  /** How many events are staged: a savepoint that rolls back truncates to the mark it took. */
  get mark(): number {
    return this.pending.length;
  }

  rollbackTo(mark: number): void {
    this.pending.length = mark;
  }

  /** The transaction failed as a whole. */
  discard(): void {
    this.pending = [];
  }

  /** The transaction committed: its events join the tail, in position order. */
  commit(): void {
    for (const event of this.pending) {
      this.events.push(event);
      this.bytes += event.data.length + event.metadata.length + event.stream.length + 100;
    }
    this.pending = [];
    while (this.events.length - this.start > this.maxEvents || (this.bytes > this.maxBytes && this.events.length - this.start > 1)) {
      const dropped = this.events[this.start++] as RecordedEvent;
      this.bytes -= dropped.data.length + dropped.metadata.length + dropped.stream.length + 100;
      this.floor = dropped.position + 1;
    }
    // Compact now and then rather than shifting on every drop.
    if (this.start > 4_096 && this.start * 2 > this.events.length) {
      this.events = this.events.slice(this.start);
      this.start = 0;
    }
  }

  /**
   * Up to `limit` events from `position` (inclusive), or undefined when the
   * tail does not reach back that far (the caller reads SQLite instead).
   */
  from(position: number, limit: number): RecordedEvent[] | undefined {
    if (position < this.floor) return undefined;
    let lo = this.start;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.events[mid] as RecordedEvent).position < position) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo, lo + limit);
  }
}
