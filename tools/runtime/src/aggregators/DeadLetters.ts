import type { Db } from 'mongodb';
import { formatPosition } from '../messages/LogPosition.ts';
import type { Recorded } from '../messages/messages.ts';

/** The collection of events an aggregator could not apply, beside its views and checkpoints. */
export const DEAD_LETTERS = 'causeway_dead_letters';

/** An event an aggregator skipped because applying it failed, and would fail again (docs/ARCHITECTURE.md §8). */
export interface DeadLetter {
  /** `<aggregator>@<position>`: one per aggregator and event, however often it was tried. */
  readonly _id: string;
  readonly aggregator: string;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly stream: string;
  readonly revision: string;
  readonly error: string;
  /** The writer that met it: the aggregator, or its rebuild. */
  readonly writer: string;
  readonly at: Date;
}

/**
 * Where an aggregator puts what it skips. An event whose handler throws, or whose view write the
 * database refuses for that document (a type mismatch, a document too large, a unique index),
 * fails the same way on every retry: stopping would stop the view for every user (and a
 * supervisor restarting the aggregator would hit it again). So it is recorded here and skipped.
 * `causeway status` counts them; `causeway rebuild` after a fix replays them with everything
 * else and clears those that now apply.
 */
export class DeadLetters {
  constructor(
    private readonly db: Db,
    private readonly aggregator: string,
    private readonly writer: string,
  ) {}

  async record(event: Recorded, error: unknown): Promise<void> {
    const position = formatPosition(event.position);
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const letter: Omit<DeadLetter, '_id'> = {
      aggregator: this.aggregator,
      position,
      eventId: event.id,
      type: event.type,
      stream: event.streamName,
      revision: String(event.revision),
      error: message.slice(0, 2_000),
      writer: this.writer,
      at: new Date(),
    };
    await this.db.collection<DeadLetter>(DEAD_LETTERS).updateOne({ _id: `${this.aggregator}@${position}` }, { $set: letter }, { upsert: true });
  }

  /** After a rebuild: the letters it did not record again are fixed. */
  async clearOlderThan(at: Date): Promise<number> {
    const result = await this.db.collection<DeadLetter>(DEAD_LETTERS).deleteMany({ aggregator: this.aggregator, at: { $lt: at } });
    return result.deletedCount;
  }

  static async count(db: Db, aggregator: string): Promise<number> {
    return db.collection<DeadLetter>(DEAD_LETTERS).countDocuments({ aggregator });
  }
}
