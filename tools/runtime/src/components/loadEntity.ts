import { emptyEntity, foldEntity, type EntityState, type Fold } from './EntityState.ts';
import type { MessageStore } from '../store/MessageStore.ts';
import { streamNames } from '../messages/streamNames.ts';

/** Optional snapshots: every `every` events, written to `<category>:snapshot-<id>`. */
export interface SnapshotOptions {
  readonly every: number;
  /** Bump when the state's shape changes: snapshots of another version are ignored. */
  readonly version?: number;
}

export function snapshotStream(category: string, id: string): string {
  return streamNames.entity(`${category}:snapshot`, id);
}

/**
 * Rebuilds an entity: from its latest snapshot when there is one of the
 * current version, then folding the events after it; else the whole stream.
 */
export async function loadEntity<S>(
  store: MessageStore,
  definition: Fold<S> & { readonly category: string },
  entityId: string,
  snapshots?: SnapshotOptions,
): Promise<EntityState<S>> {
  let entity = emptyEntity(definition);
  if (snapshots) {
    const last = await store.readLast(snapshotStream(definition.category, entityId));
    if (last?.type === 'SnapshotRecorded' && last.data.schemaVersion === (snapshots.version ?? 1)) {
      entity = { state: last.data.state as S, revision: BigInt(last.data.revision), handled: new Set(last.data.handled) };
    }
  }
  const stream = streamNames.entity(definition.category, entityId);
  const fromRevision = entity.revision + 1n;
  return foldEntity(definition, entity, await store.readStreamToArray(stream, { fromRevision }));
}
