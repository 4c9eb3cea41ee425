import { CausewayError } from '@causeway/errors';
import type { AnyBulkWriteOperation, Document } from 'mongodb';
import type { AggregatorDefinition, ViewChange, ViewPipeline, ViewUpdate } from './AggregatorDefinition.ts';
import { formatPosition } from '../messages/LogPosition.ts';
import type { Recorded } from '../messages/messages.ts';

/** View documents are keyed by a string id (the entity id, usually). */
export interface ViewDocument extends Document {
  _id: string;
}

/** Field on every view document: the log position of the last event applied to it. */
export const POSITION_FIELD = '_position';

/** One change to one document, not yet turned into a driver operation (merging may come first). */
export interface PlannedWrite {
  /** Physical collection name. */
  readonly collection: string;
  readonly id: string;
  /** Formatted position of the (last) event this write applies. */
  readonly position: string;
  /** Applies only where the document's `_position` is below this (the first event's, for a merged write). */
  readonly guard: string;
  readonly change: { readonly delete: true } | { readonly update: ViewUpdate | ViewPipeline; readonly upsert: boolean };
  /** For a merged write: the writes it stands for, to apply one by one if it does not apply whole. */
  readonly parts?: readonly PlannedWrite[];
}

/**
 * Turns events into planned conditional writes, in log order. Each write
 * applies only if the document has not yet seen its position (`_position` <
 * position, or absent), so replaying a batch after a crash is harmless: a
 * stale update matches nothing, and a stale upsert fails with a duplicate
 * key, which the writer counts as already applied.
 */
export function toBulkOperations(definition: AggregatorDefinition, events: readonly Recorded[], collectionName: (logical: string) => string): PlannedWrite[] {
  const writes: PlannedWrite[] = [];
  for (const event of events) {
    const handler = definition.handlers[event.type as keyof AggregatorDefinition['handlers']] as
      ((e: Recorded) => ViewChange | readonly ViewChange[] | undefined) | undefined;
    if (!handler) continue;
    const result = handler(event);
    if (result === undefined) continue;
    const position = formatPosition(event.position);
    if (!Array.isArray(result)) {
      writes.push(plan(definition, event, result as ViewChange, position, collectionName));
      continue;
    }
    const touched = new Set<string>();
    for (const change of result as readonly ViewChange[]) {
      const key = `${change.collection}\u0000${change.id}`;
      if (touched.has(key)) {
        throw new CausewayError(
          'USAGE',
          `aggregator ${definition.name}: ${event.type} changes ${change.collection}/${change.id} twice; merge the changes into one`,
        );
      }
      touched.add(key);
      writes.push(plan(definition, event, change, position, collectionName));
    }
  }
  return writes;
}

function plan(
  definition: AggregatorDefinition,
  event: Recorded,
  change: ViewChange,
  position: string,
  collectionName: (logical: string) => string,
): PlannedWrite {
  if (!(change.collection in definition.collections)) {
    throw new CausewayError('USAGE', `aggregator ${definition.name} wrote to undeclared collection ${change.collection} for ${event.type}`);
  }
  const collection = collectionName(change.collection);
  if ('delete' in change) return { collection, id: change.id, position, guard: position, change: { delete: true } };
  return { collection, id: change.id, position, guard: position, change: { update: change.update, upsert: change.upsert ?? true } };
}

/** The driver operation for a planned write: conditional on `_position`, which it moves to the write's position. */
export function toOperation(write: PlannedWrite): AnyBulkWriteOperation<ViewDocument> {
  const unseen = { _id: write.id, $or: [{ [POSITION_FIELD]: { $exists: false } }, { [POSITION_FIELD]: { $lt: write.guard } }] };
  const { change } = write;
  if ('delete' in change) return { deleteOne: { filter: unseen } };
  if (Array.isArray(change.update)) {
    return {
      updateOne: {
        filter: unseen,
        update: [...(change.update as ViewPipeline), { $set: { [POSITION_FIELD]: write.position } }] as Document[],
        upsert: change.upsert,
      },
    };
  }
  const update = change.update as Record<string, Record<string, unknown> | undefined>;
  return {
    updateOne: { filter: unseen, update: { ...update, $set: { ...update.$set, [POSITION_FIELD]: write.position } } as Document, upsert: change.upsert },
  };
}
