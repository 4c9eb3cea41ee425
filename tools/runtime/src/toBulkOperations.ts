import { CausewayError } from '@causeway/errors';
import type { AnyBulkWriteOperation, Document } from 'mongodb';

/** View documents are keyed by a string id (the entity id, usually). */
export interface ViewDocument extends Document {
  _id: string;
}
import type { AggregatorDefinition, ViewChange } from './AggregatorDefinition.ts';
import { formatPosition } from './LogPosition.ts';
import type { Recorded } from './messages.ts';

/** Field on every view document: the log position of the last event applied to it. */
export const POSITION_FIELD = '_position';

export interface PlannedWrite {
  readonly collection: string;
  readonly operation: AnyBulkWriteOperation<ViewDocument>;
}

/**
 * Turns events into conditional writes. Each update applies only if the
 * document has not yet seen this position (`_position` < position, or
 * absent), so replaying a batch after a crash is harmless: a stale update
 * matches nothing, and a stale upsert fails with a duplicate key, which the
 * runner counts as already applied.
 */
export function toBulkOperations(definition: AggregatorDefinition, events: readonly Recorded[], collectionName: (logical: string) => string): PlannedWrite[] {
  const writes: PlannedWrite[] = [];
  for (const event of events) {
    const handler = definition.handlers[event.type as keyof AggregatorDefinition['handlers']] as ((e: Recorded) => ViewChange | readonly ViewChange[] | undefined) | undefined;
    if (!handler) continue;
    const result = handler(event);
    const changes = result === undefined ? [] : Array.isArray(result) ? (result as readonly ViewChange[]) : [result as ViewChange];
    const position = formatPosition(event.position);
    const touched = new Set<string>();
    for (const change of changes) {
      if (!(change.collection in definition.collections)) {
        throw new CausewayError('USAGE', `aggregator ${definition.name} wrote to undeclared collection ${change.collection} for ${event.type}`);
      }
      const key = `${change.collection}\u0000${change.id}`;
      if (touched.has(key)) {
        throw new CausewayError('USAGE', `aggregator ${definition.name}: ${event.type} changes ${change.collection}/${change.id} twice; merge the changes into one`);
      }
      touched.add(key);
      const unseen = { _id: change.id, $or: [{ [POSITION_FIELD]: { $exists: false } }, { [POSITION_FIELD]: { $lt: position } }] };
      if ('delete' in change) {
        writes.push({ collection: collectionName(change.collection), operation: { deleteOne: { filter: unseen } } });
        continue;
      }
      if (Array.isArray(change.update)) {
        writes.push({
          collection: collectionName(change.collection),
          operation: { updateOne: { filter: unseen, update: [...change.update, { $set: { [POSITION_FIELD]: position } }] as Document[], upsert: change.upsert ?? true } },
        });
        continue;
      }
      const update = change.update as Record<string, Record<string, unknown> | undefined>;
      writes.push({
        collection: collectionName(change.collection),
        operation: {
          updateOne: {
            filter: unseen,
            update: { ...update, $set: { ...(update.$set ?? {}), [POSITION_FIELD]: position } } as Document,
            upsert: change.upsert ?? true,
          },
        },
      });
    }
  }
  return writes;
}
