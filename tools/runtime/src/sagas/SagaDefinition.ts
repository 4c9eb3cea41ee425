import type { CommandType, EventType, MessageDataMap } from '@causeway/contracts';
import type { CommandRoute } from '../components/CommandRoute.ts';
import type { Outgoing } from '../messages/messages.ts';

/** A command a saga sends, and where: `<category>:command-<id>`. */
export interface SagaCommand {
  readonly category: string;
  readonly id: string;
  readonly command: Outgoing<CommandType>;
}

export interface SagaContext<I> {
  readonly sagaId: string;
  /** The trigger's data. */
  readonly input: I;
  /** Outcome event of each step that succeeded, by step name. */
  readonly results: Readonly<Record<string, { readonly type: string; readonly data: unknown }>>;
}

/** What decides a step: event types that mean success and failure. Anything else is not an outcome. */
export interface StepOutcomes {
  readonly succeeded: readonly EventType[];
  readonly failed: readonly EventType[];
}

export interface SagaStep<I> extends StepOutcomes {
  readonly name: string;
  readonly up: (context: SagaContext<I>) => SagaCommand;
  /** Compensation, run in reverse order when a later step fails. */
  readonly down?: StepOutcomes & { readonly run: (context: SagaContext<I>) => SagaCommand };
}

/**
 * A saga (docs/ARCHITECTURE.md §7): a list of steps, each sending a command and
 * waiting for its outcome event. Its state is the fold of its own stream
 * `<category>-<sagaId>`; it starts from a trigger command on
 * `<category>:command-<sagaId>`.
 */
export interface SagaDefinition<T extends CommandType = CommandType> {
  readonly name: string;
  readonly category: string;
  readonly trigger: T;
  /** Where the trigger is written (its id is the saga id) and who may send it. */
  readonly route: CommandRoute<T>;
  /** Entity categories whose events can be step outcomes. */
  readonly categories: readonly string[];
  readonly steps: readonly SagaStep<MessageDataMap[T]>[];
}

export function defineSaga<T extends CommandType>(definition: SagaDefinition<T>): SagaDefinition<T> {
  return definition;
}
