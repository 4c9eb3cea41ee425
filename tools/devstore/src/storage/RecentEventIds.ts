/** Where an event id was written. */
export interface EventPlace {
  readonly stream: string;
  readonly revision: number;
}

/**
 * The ids of the last `capacity` events written and where they went, for
 * idempotent appends with expected revision `any` or `stream_exists`.
 * EventStoreDB also answers those from a bounded cache of recent ids (an index
 * over every id would cost most of the write throughput); exact expectations
 * are checked against the log. Ids join only once their transaction has
 * committed. The window is rebuilt from the log when the store opens
 * (`restore`), so a restart does not turn a replayed append into a duplicate.
 */
export class RecentEventIds {
  private readonly committed = new Map<string, EventPlace>();
  private pending = new Map<string, EventPlace>();

  constructor(readonly capacity = 100_000) {}

  /** Fills the window with committed events, oldest first: what it held when the store last closed. */
  restore(events: Iterable<readonly [id: string, stream: string, revision: number]>): void {
    for (const [id, stream, revision] of events) this.add(id, { stream, revision });
    this.commit();
  }

  get(id: string): EventPlace | undefined {
    return this.pending.get(id) ?? this.committed.get(id);
  }

  add(id: string, place: EventPlace): void {
    this.pending.set(id, place);
  }

  /** A write's savepoint rolled back: forget what it added. */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.pending.delete(id);
  }

  commit(): void {
    for (const [id, place] of this.pending) {
      this.committed.delete(id);
      this.committed.set(id, place);
    }
    this.pending = new Map();
    const excess = this.committed.size - this.capacity;
    if (excess <= 0) return;
    let dropped = 0;
    for (const id of this.committed.keys()) {
      if (dropped++ >= excess) break;
      this.committed.delete(id);
    }
  }

  rollback(): void {
    this.pending = new Map();
  }
}
