import { allContracts, type EventType } from '@causeway/contracts';
import { defineSuiteAggregator, type SuiteFacts } from '@causeway/suite';
import {
  defineAggregator,
  formatPosition,
  sagaStatusOf,
  type AggregatorDefinition,
  type Recorded,
  type SagaLifecycleStatus,
  type ViewChange,
} from '@causeway/runtime';

/** Where a command stands; the saga statuses are those of docs/ARCHITECTURE.md §9. */
export type CommandStatus = 'ENQUEUED' | 'SUCCEEDED' | 'REJECTED' | 'FAILED' | SagaLifecycleStatus;

/** One event a command led to, as the view lists it (log order). */
export interface CommandStatusEvent {
  readonly type: string;
  readonly id: string;
  readonly stream: string;
  readonly position: string;
}

/** A `command_status` document. */
export interface CommandStatusDocument {
  readonly _id: string;
  readonly type: string;
  readonly stream: string;
  readonly status: CommandStatus;
  readonly userId?: string;
  readonly events: readonly CommandStatusEvent[];
  readonly updatedAt: string;
}

export const COMMAND_STATUS = 'command_status';

function outcomeOf(type: string, rejections: ReadonlySet<EventType>): CommandStatus {
  const saga = sagaStatusOf(type);
  if (saga) return saga;
  if (type === 'CommandFailed') return 'FAILED';
  return rejections.has(type as EventType) ? 'REJECTED' : 'SUCCEEDED';
}

function onCommand(command: Recorded): ViewChange {
  const { userId } = command.metadata;
  return {
    collection: COMMAND_STATUS,
    id: command.id,
    update: {
      $set: {
        type: command.type,
        stream: command.streamName,
        status: 'ENQUEUED',
        ...(typeof userId === 'string' ? { userId } : {}),
        events: [],
        updatedAt: command.created.toISOString(),
      },
    },
  };
}

/**
 * An event decides the command that caused it (`causationId`). Saga events
 * and saga replies (events carrying `replyTo`) also belong to the user's
 * command that started the chain (`correlationId`): that is how a SubmitBid
 * shows its saga's progress. Other correlated events (a policy releasing
 * somebody else's reservation) stay off it: they are not this user's business.
 * Updates never upsert: an event whose cause is an event, not a command, has
 * no document, and must not create one.
 */
function onEvent(event: Recorded, rejections: ReadonlySet<EventType>): ViewChange[] {
  const { causationId, correlationId, replyTo } = event.metadata;
  const entry: CommandStatusEvent = { type: event.type, id: event.id, stream: event.streamName, position: formatPosition(event.position) };
  const at = event.created.toISOString();
  const saga = sagaStatusOf(event.type) !== undefined || event.type.startsWith('Saga');
  const changes: ViewChange[] = [];
  const change = (id: string, status: CommandStatus | undefined): ViewChange => ({
    collection: COMMAND_STATUS,
    id,
    upsert: false,
    // The runtime's _position guard makes $push safe: a replayed event matches nothing.
    update: { $set: { ...(status ? { status } : {}), updatedAt: at }, $push: { events: entry } },
  });
  const correlated = typeof correlationId === 'string' && correlationId !== causationId && (saga || typeof replyTo === 'string');
  if (typeof causationId === 'string') {
    // Saga bookkeeping (SagaStepStarted…) changes no status; saga lifecycle events and outcomes do.
    const status = saga ? sagaStatusOf(event.type) : outcomeOf(event.type, rejections);
    changes.push(change(causationId, status));
  }
  if (correlated) changes.push(change(correlationId, sagaStatusOf(event.type)));
  return changes;
}

/**
 * Builds the command-status aggregator for a suite: for every category that
 * receives commands it follows `<category>:command-` (every command becomes an
 * ENQUEUED document keyed by its id) and `<category>-` (events move their
 * command on); the suite's rejection types mean REJECTED.
 */
export function commandStatusAggregatorFor({ commandCategories, rejections }: SuiteFacts): AggregatorDefinition {
  const handlers: Record<string, (message: Recorded) => ViewChange | readonly ViewChange[] | undefined> = {};
  for (const contract of allContracts()) {
    if (contract.kind === 'command') handlers[contract.type] = onCommand;
    else if (contract.kind === 'event') handlers[contract.type] = (event) => onEvent(event, rejections);
  }
  return defineAggregator({
    name: 'command-status',
    categories: commandCategories.flatMap((c) => [`${c}:command`, c]),
    collections: { [COMMAND_STATUS]: { indexes: [{ keys: { userId: 1, updatedAt: -1 } }] } },
    // Commands are not events in the handler table's type, but the runtime
    // dispatches on the record's type whatever its kind.
    handlers: handlers as AggregatorDefinition['handlers'],
  });
}

/** The command-status aggregator of whatever suite `loadSuite` gathers. */
export const commandStatusAggregator = defineSuiteAggregator('command-status', commandStatusAggregatorFor);
