import type { CommandType, EventType } from '@causeway/contracts';
import { deterministicId } from '../messages/deterministicId.ts';
import type { MessageMetadata, Outgoing, Recorded } from '../messages/messages.ts';
import type { SagaCommand, SagaContext, SagaDefinition } from './SagaDefinition.ts';
import { streamNames } from '../messages/streamNames.ts';

export type SagaStatus = 'none' | 'running' | 'succeeded' | 'compensating' | 'rolledBack' | 'rollbackFailed';

export interface SagaState {
  readonly status: SagaStatus;
  readonly input: unknown;
  /** Metadata of the trigger: correlation and user carry on to every command sent. */
  readonly origin: Pick<MessageMetadata, 'correlationId' | 'userId' | 'traceparent'> | undefined;
  readonly results: Readonly<Record<string, { readonly type: string; readonly data: unknown }>>;
  /** Index of the step in progress, and its direction. */
  readonly current: { readonly step: number; readonly direction: 'up' | 'down' } | undefined;
  /** Steps still to compensate, in order (set by SagaRollbackInitiated). */
  readonly toCompensate: readonly string[];
  /** Ids of messages already reacted to. */
  readonly seen: ReadonlySet<string>;
  readonly revision: bigint;
}

export const initialSagaState = (): SagaState => ({
  status: 'none',
  input: undefined,
  origin: undefined,
  results: {},
  current: undefined,
  toCompensate: [],
  seen: new Set(),
  revision: -1n,
});

type SagaEvent = Outgoing<
  | 'SagaInitiated'
  | 'SagaStepStarted'
  | 'SagaStepSucceeded'
  | 'SagaFailed'
  | 'SagaSucceeded'
  | 'SagaRollbackInitiated'
  | 'SagaRollbackSucceeded'
  | 'SagaRollbackFailed'
>;

/** Folds one saga event. */
export function evolveSaga<T extends CommandType>(definition: SagaDefinition<T>, state: SagaState, event: Recorded): SagaState {
  const seen = new Set(state.seen);
  if (typeof event.metadata.causationId === 'string') seen.add(event.metadata.causationId);
  const base = { ...state, seen, revision: event.revision };
  const indexOf = (name: string) => definition.steps.findIndex((s) => s.name === name);
  switch (event.type) {
    case 'SagaInitiated':
      return {
        ...base,
        status: 'running',
        input: event.data.input,
        origin: {
          correlationId: event.metadata.correlationId,
          ...(event.metadata.userId ? { userId: event.metadata.userId } : {}),
          ...(event.metadata.traceparent ? { traceparent: event.metadata.traceparent } : {}),
        },
      };
    case 'SagaStepStarted':
      return { ...base, current: { step: indexOf(event.data.step), direction: event.data.direction } };
    case 'SagaStepSucceeded':
      return event.data.direction === 'up'
        ? { ...base, current: undefined, results: { ...state.results, [event.data.step]: { type: event.data.outcome.type, data: event.data.outcome.data } } }
        : { ...base, current: undefined, toCompensate: state.toCompensate.filter((s) => s !== event.data.step) };
    case 'SagaSucceeded':
      return { ...base, status: 'succeeded', current: undefined };
    case 'SagaFailed':
      return { ...base, current: undefined };
    case 'SagaRollbackInitiated':
      return { ...base, status: 'compensating', toCompensate: event.data.steps };
    case 'SagaRollbackSucceeded':
      return { ...base, status: 'rolledBack', current: undefined };
    case 'SagaRollbackFailed':
      return { ...base, status: 'rollbackFailed', current: undefined };
    default:
      return base;
  }
}

/** What to do for one message: saga events to append (in order), then commands to send. */
export interface SagaReaction {
  readonly events: readonly SagaEvent[];
  readonly commands: readonly (SagaCommand & { readonly commandId: string })[];
}

const NOTHING: SagaReaction = { events: [], commands: [] };

/** The id of the command a step sends: derived, so re-sending it is idempotent. */
export const stepCommandId = (sagaId: string, step: number, direction: 'up' | 'down') => deterministicId(sagaId, `${step}:${direction}`);

/**
 * The pure saga: given its state and one message (the trigger, or a
 * possible outcome), what to record and what to send. A message already
 * reacted to re-sends the command in flight (idempotent by id), which
 * recovers from a crash between recording and sending.
 */
export function reactSaga<T extends CommandType>(definition: SagaDefinition<T>, sagaId: string, state: SagaState, message: Recorded): SagaReaction {
  const context = (s: SagaState, extra?: SagaState['results']): SagaContext<never> => ({
    sagaId,
    input: s.input as never,
    results: { ...s.results, ...extra },
  });
  const send = (step: number, direction: 'up' | 'down', s: SagaState, extra?: SagaState['results']) => {
    const def = definition.steps[step];
    if (!def) throw new Error(`saga ${definition.name} has no step ${step}`);
    const command = direction === 'up' ? def.up(context(s, extra)) : (def.down as NonNullable<typeof def.down>).run(context(s, extra));
    const commandId = stepCommandId(sagaId, step, direction);
    const started: SagaEvent = {
      type: 'SagaStepStarted',
      data: {
        sagaId,
        saga: definition.name,
        step: def.name,
        direction,
        commandId,
        commandType: command.command.type,
        stream: streamNames.command(command.category, command.id),
      },
    };
    return { started, command: { ...command, commandId } };
  };
  const resend = (s: SagaState): SagaReaction => {
    if (!s.current) return NOTHING;
    const { command } = send(s.current.step, s.current.direction, s);
    return { events: [], commands: [command] };
  };
  const ids = { sagaId, saga: definition.name };

  if (message.type === definition.trigger && message.streamName === streamNames.command(definition.category, sagaId)) {
    if (state.status !== 'none') return resend(state);
    const initiated: SagaEvent = { type: 'SagaInitiated', data: { ...ids, trigger: { type: message.type, id: message.id }, input: message.data as never } };
    if (definition.steps.length === 0) return { events: [initiated, { type: 'SagaSucceeded', data: ids }], commands: [] };
    const running: SagaState = { ...state, status: 'running', input: message.data };
    const first = send(0, 'up', running);
    return { events: [initiated, first.started], commands: [first.command] };
  }

  if (state.seen.has(message.id)) return resend(state);
  const current = state.current;
  if (!current || message.metadata.causationId !== stepCommandId(sagaId, current.step, current.direction)) return NOTHING;
  const step = definition.steps[current.step];
  if (!step) return NOTHING;
  const outcomes = current.direction === 'up' ? step : step.down;
  if (!outcomes) return NOTHING;
  const type = message.type as EventType;
  const outcome = { type: message.type, id: message.id, data: message.data };
  const reason = `${message.type}${typeof (message.data as { reason?: unknown }).reason === 'string' ? `: ${(message.data as { reason: string }).reason}` : ''}`;

  if (outcomes.succeeded.includes(type)) {
    const succeeded: SagaEvent = { type: 'SagaStepSucceeded', data: { ...ids, step: step.name, direction: current.direction, outcome } };
    if (current.direction === 'up') {
      const results = { [step.name]: { type: message.type, data: message.data } };
      const nextIndex = current.step + 1;
      if (nextIndex >= definition.steps.length) return { events: [succeeded, { type: 'SagaSucceeded', data: ids }], commands: [] };
      const next = send(nextIndex, 'up', state, results);
      return { events: [succeeded, next.started], commands: [next.command] };
    }
    const remaining = state.toCompensate.filter((s) => s !== step.name);
    const nextName = remaining[0];
    if (nextName === undefined) return { events: [succeeded, { type: 'SagaRollbackSucceeded', data: ids }], commands: [] };
    const next = send(
      definition.steps.findIndex((s) => s.name === nextName),
      'down',
      state,
    );
    return { events: [succeeded, next.started], commands: [next.command] };
  }

  if (outcomes.failed.includes(type)) {
    if (current.direction === 'down') {
      return { events: [{ type: 'SagaRollbackFailed', data: { ...ids, step: step.name, outcome, reason } }], commands: [] };
    }
    const toCompensate = definition.steps
      .slice(0, current.step)
      .filter((s) => s.down !== undefined && state.results[s.name] !== undefined)
      .map((s) => s.name)
      .reverse();
    const failed: SagaEvent = { type: 'SagaFailed', data: { ...ids, step: step.name, outcome, reason } };
    const rollback: SagaEvent = { type: 'SagaRollbackInitiated', data: { ...ids, steps: toCompensate } };
    const firstName = toCompensate[0];
    if (firstName === undefined) return { events: [failed, rollback, { type: 'SagaRollbackSucceeded', data: ids }], commands: [] };
    const first = send(
      definition.steps.findIndex((s) => s.name === firstName),
      'down',
      state,
    );
    return { events: [failed, rollback, first.started], commands: [first.command] };
  }
  return NOTHING;
}
