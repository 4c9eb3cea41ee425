/** Where an event id was written. */
export interface EventPlace {
  readonly stream: string;
  readonly revision: number;
}

/**
 * The last `capacity` event ids and where they went, for idempotent appends
 * with expected revision `any` or `stream_exists`. EventStoreDB also answers
 * those from a bounded in-memory cache (an index over every id would cost most
 * of the write throughput); exact expectations are checked against the log.
 * Ids join only once their transaction has committed.
 */
export class RecentEventIds {
  private readonly committed = new Map<string, EventPlace>();
  private pending = new Map<string, EventPlace>();

  constructor(private readonly capacity = 100_000) {}

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
