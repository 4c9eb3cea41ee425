import { calculateObjectSize, Long } from 'bson';
import type { Doc } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';

interface OpenCursor {
  readonly ns: string;
  readonly noTimeout: boolean;
  readonly docs: readonly Doc[];
  position: number;
  lastUsed: number;
}

const defaultFirstBatch = 101;
const maxBatchBytes = 16 * 1024 * 1024 - 64 * 1024;
const idleTimeoutMs = 10 * 60 * 1000;

/**
 * Results are computed eagerly and held here between getMores. Documents are
 * immutable snapshots, so a cursor never observes a later write. Ids stay below
 * 2^53 so they survive the number promotion of incoming BSON.
 */
export class CursorRegistry {
  private readonly cursors = new Map<number, OpenCursor>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** Builds the `cursor` reply of find/aggregate/list*, registering the rest if more remain. */
  open(ns: string, docs: readonly Doc[], batchSize: number | undefined, singleBatch = false, noTimeout = false): Doc {
    const cursor: OpenCursor = { ns, docs, noTimeout, position: 0, lastUsed: Date.now() };
    const firstBatch = this.take(cursor, batchSize ?? defaultFirstBatch);
    let id = 0;
    if (!singleBatch && cursor.position < docs.length) {
      do id = Math.floor(Math.random() * Number.MAX_SAFE_INTEGER);
      while (id === 0 || this.cursors.has(id));
      this.cursors.set(id, cursor);
    }
    return { cursor: { firstBatch, id: Long.fromNumber(id), ns }, ok: 1 };
  }

  getMore(id: number, ns: string, batchSize: number | undefined): Doc {
    const cursor = this.cursors.get(id);
    if (!cursor) throw new MongoCommandError('CursorNotFound', `cursor id ${id} not found`);
    if (cursor.ns !== ns)
      throw new MongoCommandError('Unauthorized', `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`);
    cursor.lastUsed = Date.now();
    const nextBatch = this.take(cursor, batchSize && batchSize > 0 ? batchSize : Number.MAX_SAFE_INTEGER);
    const done = cursor.position >= cursor.docs.length;
    if (done) this.cursors.delete(id);
    return { cursor: { nextBatch, id: Long.fromNumber(done ? 0 : id), ns }, ok: 1 };
  }

  kill(ids: readonly number[]): Doc {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) (this.cursors.delete(id) ? killed : notFound).push(Long.fromNumber(id));
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  close(): void {
    clearInterval(this.sweeper);
    this.cursors.clear();
  }

  private take(cursor: OpenCursor, count: number): Doc[] {
    const batch: Doc[] = [];
    let bytes = 0;
    while (batch.length < count && cursor.position < cursor.docs.length) {
      const doc = cursor.docs[cursor.position] as Doc;
      // Every batch is bounded by bytes, not only large ones: two documents near the 16 MiB limit
      // already make a reply the encoder cannot hold. A batch still carries at least one document.
      bytes += calculateObjectSize(doc, { ignoreUndefined: true });
      if (bytes > maxBatchBytes && batch.length > 0) break;
      batch.push(doc);
      cursor.position += 1;
    }
    return batch;
  }

  private sweep(): void {
    const cutoff = Date.now() - idleTimeoutMs;
    for (const [id, cursor] of this.cursors) if (!cursor.noTimeout && cursor.lastUsed < cutoff) this.cursors.delete(id);
  }
}
