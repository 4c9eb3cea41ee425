import type { EventType } from '@causeway/contracts';

/**
 * What the suite as a whole knows and a single part cannot: which categories
 * receive commands, and which event types are rejections. An aggregator that
 * follows every command (command-status) is built from these.
 */
export interface SuiteFacts {
  /** Categories whose command streams have a handler (every component's and saga's category), sorted. */
  readonly commandCategories: readonly string[];
  /** Event types that are rejections, from every component's `rejections`. */
  readonly rejections: ReadonlySet<EventType>;
}
