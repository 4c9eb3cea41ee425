import type { Recorded } from '../messages/messages.ts';

/** The fold of an entity stream plus what the runtime needs to append safely and idempotently. */
export interface EntityState<S> {
  readonly state: S;
  /** Revision of the last event folded; -1n when the stream does not exist. */
  readonly revision: bigint;
  /** Ids of the commands whose events are in the stream (their `causationId`). */
  readonly handled: ReadonlySet<string>;
}

/**
 * The part of a component definition a fold needs. `evolve` takes `never` so
 * any author's typed `evolve` fits; the runtime only passes it events of the
 * types listed in `events`.
 */
export interface Fold<S> {
  readonly events: readonly string[];
  readonly initialState: () => S;
  readonly evolve: (state: S, event: never) => S;
}

export function emptyEntity<S>(definition: Pick<Fold<S>, 'initialState'>): EntityState<S> {
  return { state: definition.initialState(), revision: -1n, handled: new Set() };
}

/**
 * Folds events into an entity. Events of types the component does not own
 * (e.g. the runtime's `CommandFailed`) advance the revision and mark their
 * command handled but leave the author's state alone.
 */
export function foldEntity<S>(definition: Fold<S>, entity: EntityState<S>, events: Iterable<Recorded>): EntityState<S> {
  let { state, revision } = entity;
  const handled = new Set(entity.handled);
  const owned = new Set<string>(definition.events);
  const evolve = definition.evolve as (state: S, event: Recorded) => S;
  for (const event of events) {
    if (owned.has(event.type)) state = evolve(state, event);
    revision = event.revision;
    if (typeof event.metadata.causationId === 'string') handled.add(event.metadata.causationId);
  }
  return { state, revision, handled };
}
