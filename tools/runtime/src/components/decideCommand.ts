import { assertValidMessage, getContract, type CommandType, type EventType } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import type { ComponentDefinition } from './ComponentDefinition.ts';
import { deterministicId } from '../messages/deterministicId.ts';
import type { EntityState } from './EntityState.ts';
import type { EmittedEvent, MessageMetadata, RecordedCommand } from '../messages/messages.ts';

/** An event ready to append: id derived from the command, metadata carried over. */
export interface PreparedEvent {
  readonly id: string;
  readonly type: EventType;
  readonly data: unknown;
  readonly metadata: MessageMetadata;
}

export type Decision =
  | { readonly kind: 'append'; readonly events: readonly PreparedEvent[] }
  /** The entity's stream already holds this command's events: redelivery or replay. */
  | { readonly kind: 'duplicate' };

/** Metadata of a message caused by `cause` (docs/ARCHITECTURE.md §3). */
export function metadataFrom(cause: { id: string; metadata: MessageMetadata }, type: string): MessageMetadata {
  const { correlationId, userId, traceparent, replyTo } = cause.metadata;
  return {
    correlationId: typeof correlationId === 'string' ? correlationId : cause.id,
    causationId: cause.id,
    ...(typeof userId === 'string' ? { userId } : {}),
    ...(typeof traceparent === 'string' ? { traceparent } : {}),
    // A saga that sent the command waits on its own stream for the outcome (Eventide's reply stream).
    ...(typeof replyTo === 'string' ? { replyTo } : {}),
    schema: getContract(type).id,
  };
}

/**
 * The pure heart of command handling, shared by the runtime and the pure test
 * kit so both decide identically: refuse commands the component does not
 * handle, recognise commands already handled, run `decide`, check every
 * event against its contract, and give each a deterministic id.
 */
export function decideCommand<S, C extends CommandType, E extends EventType>(
  definition: ComponentDefinition<S, C, E>,
  entity: EntityState<S>,
  command: RecordedCommand,
): Decision {
  if (!(definition.commands as readonly string[]).includes(command.type)) {
    throw new CausewayError('UNKNOWN_MESSAGE_TYPE', `component ${definition.name} does not handle ${command.type}`, { type: command.type });
  }
  if (entity.handled.has(command.id)) return { kind: 'duplicate' };
  const emitted = definition.decide(command as RecordedCommand<C>, entity.state) as readonly EmittedEvent[];
  const allowed = new Set<string>(definition.events);
  return {
    kind: 'append',
    events: emitted.map((event, index) => {
      if (!allowed.has(event.type)) {
        throw new CausewayError('UNKNOWN_MESSAGE_TYPE', `component ${definition.name} emitted ${event.type}, which is not among its events`, {
          type: event.type,
        });
      }
      assertValidMessage(event.type, event.data);
      return { id: deterministicId(command.id, index), type: event.type, data: event.data, metadata: metadataFrom(command, event.type) };
    }),
  };
}
