import type { EventType } from '@causeway/contracts';
import type { ComponentDefinition } from './ComponentDefinition.ts';
import type { RecordedEvent } from './messages.ts';

/** The fold of an entity stream plus what the runtime needs to append safely and idempotently. */
export interface EntityState<S> {
  readonly state: S;
  /** Revision of the last event folded; -1n when the stream does not exist. */
  readonly revision: bigint;
  /** Ids of the commands whose events are in the stream (their `causationId`). */
  readonly handled: ReadonlySet<string>;
}

export function emptyEntity<S>(definition: Pick<ComponentDefinition<S, never, never>, 'initialState'>): EntityState<S> {
  return { state: definition.initialState(), revision: -1n, handled: new Set() };
}

/**
 * Folds events into an entity. Events of types the component does not own
 * (e.g. the runtime's failure events) advance the revision and mark their
 * command handled but leave the author's state alone.
 */
export function foldEntity<S, E extends EventType>(
  definition: Pick<ComponentDefinition<S, never, E>, 'evolve' | 'events'>,
  entity: EntityState<S>,
  events: Iterable<RecordedEvent>,
): EntityState<S> {
  let { state, revision } = entity;
  const handled = new Set(entity.handled);
  const owned = new Set<string>(definition.events);
  for (const event of events) {
    if (owned.has(event.type)) state = definition.evolve(state, event as RecordedEvent<E>);
    revision = event.revision;
    if (typeof event.metadata.causationId === 'string') handled.add(event.metadata.causationId);
  }
  return { state, revision, handled };
}
