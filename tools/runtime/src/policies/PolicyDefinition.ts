import type { EventType } from '@causeway/contracts';
import type { RecordedEvent } from '../messages/messages.ts';
import type { SagaCommand } from '../sagas/SagaDefinition.ts';

/**
 * A policy: "whenever this event happens, send these commands" (e.g. release
 * an outbid bidder's funds). Stateless, unlike a saga; handlers are pure.
 */
export interface PolicyDefinition {
  readonly name: string;
  /** Entity categories whose events it reacts to. */
  readonly categories: readonly string[];
  readonly handlers: { readonly [T in EventType]?: (event: RecordedEvent<T>) => readonly SagaCommand[] };
}

export function definePolicy(definition: PolicyDefinition): PolicyDefinition {
  return definition;
}
