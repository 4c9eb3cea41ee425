import { CausewayError } from '@causeway/errors';
import { BSON, MongoBulkWriteError, type Db } from 'mongodb';
import type { AggregatorDefinition } from './AggregatorDefinition.ts';
import { DeadLetters } from './DeadLetters.ts';
import { comparePositions, formatPosition, parsePosition, type LogPosition } from '../messages/LogPosition.ts';
import type { Recorded } from '../messages/messages.ts';
import { mergeConsecutiveWrites } from './mergeConsecutiveWrites.ts';
import { toBulkOperations, toOperation, type PlannedWrite, type ViewDocument } from './toBulkOperations.ts';

export const CHECKPOINTS = 'causeway_checkpoints';

interface WriteErrorLike {
  readonly index: number;
  readonly code?: number;
  readonly errmsg?: string;
}

/**
 * Applies batches of events to an aggregator's collections (one ordered
 * bulkWrite per collection per batch, consecutive upserts of one document
 * merged where that is exact) and then moves its checkpoint. A
 * duplicate key on `_id` is a stale conditional upsert, i.e. an event
 * already applied: the write is skipped and the rest of the batch goes on.
 * An event that cannot be applied (its handler throws, or the database refuses
 * its write for that document) is a poison event: the batch is applied again
 * one event at a time, and each poison event is recorded in DeadLetters and
 * skipped. A lost or unhealthy server is never poison: the error is thrown (the
 * projection tries the batch again while the server is unavailable), nothing is
 * skipped for that.
 */
export class ViewWriter {
  /**
   * Collections whose consecutive upserts of one document may be merged:
   * those without a unique index besides `_id`, where only the final state
   * of a run is ever checked. With one, an intermediate state may violate it
   * and must stop the aggregator at the same event whatever the batch cuts.
   */
  private readonly mergeable: ReadonlySet<string>;
  private readonly deadLetters: DeadLetters;

  constructor(
    private readonly db: Db,
    private readonly definition: AggregatorDefinition,
    /** Checkpoint document id. */
    readonly checkpointId: string,
    /** Logical → physical collection name (rebuilds write to shadow collections). */
    readonly collectionName: (logical: string) => string = (c) => c,
  ) {
    this.mergeable = new Set(
      Object.entries(definition.collections)
        .filter(([, spec]) => !spec.indexes?.some((index) => index.unique))
        .map(([logical]) => collectionName(logical)),
    );
    this.deadLetters = new DeadLetters(db, definition.name, checkpointId);
  }

  async ensureIndexes(): Promise<void> {
    for (const [logical, spec] of Object.entries(this.definition.collections)) {
      const collection = this.db.collection(this.collectionName(logical));
      for (const index of spec.indexes ?? []) {
        await collection.createIndex({ ...index.keys }, { ...(index.unique ? { unique: true } : {}), ...(index.name ? { name: index.name } : {}) });
      }
    }
  }

  async readCheckpoint(): Promise<LogPosition | undefined> {
    const doc = await this.db.collection<{ _id: string; position: string }>(CHECKPOINTS).findOne({ _id: this.checkpointId });
    return doc?.position ? parsePosition(doc.position) : undefined;
  }

  /** Applies the events, then stores `checkpoint` (at least the last event's position). */
  async apply(events: readonly Recorded[], checkpoint: LogPosition): Promise<{ writes: number; deadLetters: number }> {
    let writes = 0;
    let deadLetters = 0;
    try {
      writes = await this.write(events);
    } catch (error) {
      if (!isPoison(error)) throw error;
      // One event at a time, so only the poison ones are skipped. Those of the batch that were
      // written already are skipped by the _position guard as any replay is.
      for (const event of events) {
        try {
          writes += await this.write([event]);
        } catch (single) {
          if (!isPoison(single)) throw single;
          await this.deadLetters.record(event, single instanceof CausewayError && single.cause !== undefined ? single.cause : single);
          deadLetters += 1;
        }
      }
    }
    await this.writeCheckpoint(checkpoint);
    return { writes, deadLetters };
  }

  private async write(events: readonly Recorded[]): Promise<number> {
    const writes = toBulkOperations(this.definition, events, this.collectionName);
    const byCollection = new Map<string, PlannedWrite[]>();
    for (const w of writes) {
      const planned = byCollection.get(w.collection);
      if (planned) planned.push(w);
      else byCollection.set(w.collection, [w]);
    }
    for (const [name, planned] of byCollection) await this.bulk(name, this.mergeable.has(name) ? mergeConsecutiveWrites(planned) : planned);
    return writes.length;
  }

  /** After a rebuild swapped in: the dead letters it did not meet again are fixed. */
  clearDeadLettersOlderThan(at: Date): Promise<number> {
    return this.deadLetters.clearOlderThan(at);
  }

  /** Moves the checkpoint forward only: a concurrent writer behind us never moves it back. */
  async writeCheckpoint(position: LogPosition): Promise<void> {
    const text = formatPosition(position);
    try {
      await this.db
        .collection<{ _id: string; position: string }>(CHECKPOINTS)
        .updateOne(
          { _id: this.checkpointId, $or: [{ position: { $exists: false } }, { position: { $lt: text } }] },
          { $set: { position: text, updatedAt: new Date() } },
          { upsert: true },
        );
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }

  private async bulk(collection: string, planned: PlannedWrite[]): Promise<void> {
    const operations = planned.map(toOperation);
    let start = 0;
    while (start < operations.length) {
      try {
        await this.db.collection<ViewDocument>(collection).bulkWrite(start === 0 ? operations : operations.slice(start), { ordered: true });
        return;
      } catch (error) {
        if (!(error instanceof MongoBulkWriteError)) throw error;
        const raw = error.writeErrors as unknown;
        const first = (Array.isArray(raw) ? raw[0] : raw) as WriteErrorLike | undefined;
        const failed = first ? start + first.index : -1;
        const parts = planned[failed]?.parts;
        if (parts) {
          // A merged write that did not apply whole (the document is past its first event, or a
          // real error): its parts go one by one, so each is skipped or fails exactly as alone.
          planned.splice(failed, 1, ...parts);
          operations.splice(failed, 1, ...parts.map(toOperation));
          start = failed;
          continue;
        }
        // The driver's WriteError drops keyValue; the server's message names the index ("index: _id_").
        const staleUpsert = first?.code === 11000 && / index: _id_ /.test(first.errmsg ?? '');
        if (!first || !staleUpsert) {
          throw new CausewayError(
            'INTERNAL',
            `aggregator ${this.definition.name}: write to ${collection} failed: ${error.message}`,
            { collection, poison: Boolean(first) },
            { cause: error },
          );
        }
        start = failed + 1;
      }
    }
  }
}

/**
 * Whether an error would repeat for the same events: a handler that throws (a bug, or data it cannot
 * take), a document the database refuses (a write error of its own), a value BSON cannot encode.
 * Not: a lost server, a timeout, a primary that stepped down, which a restart outlives.
 */
function isPoison(error: unknown): boolean {
  if (error instanceof CausewayError) return error.code === 'USAGE' || error.details.poison === true;
  if (error instanceof BSON.BSONError) return true;
  const name = (error as { name?: unknown })?.name;
  if (typeof name === 'string' && name.startsWith('Mongo')) return false;
  return error instanceof Error || typeof error !== 'object';
}

export function maxPosition(a: LogPosition | undefined, b: LogPosition): LogPosition {
  return a && comparePositions(a, b) >= 0 ? a : b;
}
