import type { EventType } from '@causeway/contracts';
import type { IndexDirection } from 'mongodb';
import type { RecordedEvent } from '../messages/messages.ts';

/**
 * MongoDB update operators (`$set`, `$inc`, `$push`…) for one document. Kept
 * loose on purpose: the driver's UpdateFilter needs a schema per collection,
 * and the server (or devmongo) refuses unknown operators loudly anyway.
 */
export type ViewUpdate = { readonly [operator: `$${string}`]: Readonly<Record<string, unknown>> };

/**
 * An aggregation-pipeline update (`$set`/`$unset`/`$replaceWith` stages with
 * expressions), for changes that depend on the document itself, such as
 * recomputing a maximum after removing an element.
 */
export type ViewPipeline = readonly Readonly<Record<string, unknown>>[];

/** One change to one view document, keyed by `_id`. */
export type ViewChange =
  | { readonly collection: string; readonly id: string; readonly update: ViewUpdate | ViewPipeline; readonly upsert?: boolean }
  | { readonly collection: string; readonly id: string; readonly delete: true };

export interface ViewIndex {
  readonly keys: Readonly<Record<string, IndexDirection>>;
  readonly unique?: boolean;
  readonly name?: string;
}

/**
 * What an aggregator author writes (docs/ARCHITECTURE.md §8): which entity
 * categories to follow, which collections it owns, and for each event type
 * the view changes it makes. Handlers are pure and never decide anything.
 */
export interface AggregatorDefinition {
  /** Names the checkpoint and, with the collection, the rebuild collections. */
  readonly name: string;
  /** Entity categories followed, e.g. `auction` → every `auction-<id>` stream. */
  readonly categories: readonly string[];
  /** Collections written, with their indexes. */
  readonly collections: Readonly<Record<string, { readonly indexes?: readonly ViewIndex[] }>>;
  readonly handlers: { readonly [T in EventType]?: (event: RecordedEvent<T>) => ViewChange | readonly ViewChange[] | undefined };
  /**
   * Event types of the followed categories this aggregator leaves alone on purpose (a rejection that
   * changes no view). Every event type a component of a followed category declares is either handled
   * or listed here: the suite's check (`uncoveredEvents`) fails otherwise, so a new event type cannot
   * pass unnoticed by the views.
   */
  readonly ignores?: readonly EventType[];
}

export function defineAggregator(definition: AggregatorDefinition): AggregatorDefinition {
  return definition;
}
