import { randomUUID } from 'node:crypto';
import type { CommandType, MessageDataMap } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import { sagaStatusOf, streamNames, type Outgoing, type Recorded, type SagaDefinition, type SagaLifecycleStatus } from '@causeway/runtime';
import { evolveSaga, initialSagaState, reactSaga, stepCommandId, type SagaState } from '@causeway/runtime/internal';
import { matchPartial, projectLike } from './matchPartial.ts';
import { SpecFailure } from './SpecFailure.ts';

export interface SagaExpectation {
  /** Commands sent, in order: type and, optionally, the part of the data that matters. */
  readonly sent?: readonly { readonly type: CommandType; readonly data?: unknown }[];
  /** Lifecycle statuses recorded, in order. */
  readonly statuses?: readonly SagaLifecycleStatus[];
}

const AT = new Date('2026-01-01T12:00:00.000Z');

/**
 * given(trigger).when(...outcomes).then({ sent, statuses }) for a saga, pure:
 * each outcome event answers the step in flight (the spec links it to that
 * step's command, as a component would), so specs read like the story.
 */
export function sagaSpec<T extends CommandType>(definition: SagaDefinition<T>) {
  return {
    given(trigger: MessageDataMap[T], options: { userId?: string } = {}) {
      return {
        when(...outcomes: readonly Outgoing[]) {
          return {
            async then(expected: SagaExpectation) {
              const sagaId = randomUUID();
              const sent: { type: string; data: unknown }[] = [];
              const statuses: SagaLifecycleStatus[] = [];
              let state: SagaState = initialSagaState();
              let revision = 0n;
              const record = (message: Recorded) => {
                const reaction = reactSaga(definition, sagaId, state, message);
                for (const event of reaction.events) {
                  const status = sagaStatusOf(event.type);
                  if (status) statuses.push(status);
                  state = evolveSaga(definition, state, {
                    ...event,
                    id: randomUUID(),
                    metadata: { correlationId: sagaId, causationId: message.id, schema: '' },
                    streamName: streamNames.entity(definition.category, sagaId),
                    revision: revision++,
                    position: { commit: 0n, prepare: 0n },
                    created: AT,
                  } as Recorded);
                }
                for (const c of reaction.commands) sent.push({ type: c.command.type, data: c.command.data });
                return reaction;
              };
              const base = { position: { commit: 0n, prepare: 0n }, revision: 0n, created: AT };
              record({
                ...base,
                id: randomUUID(),
                type: definition.trigger,
                data: trigger,
                metadata: { correlationId: sagaId, causationId: sagaId, schema: '', ...(options.userId ? { userId: options.userId } : {}) },
                streamName: streamNames.command(definition.category, sagaId),
              } as Recorded);
              for (const outcome of outcomes) {
                const current = state.current;
                if (!current) throw new SpecFailure(`no step is waiting for ${outcome.type}`, 'a step in flight', { status: state.status });
                const reaction = record({
                  ...base,
                  id: randomUUID(),
                  type: outcome.type,
                  data: outcome.data,
                  metadata: {
                    correlationId: sagaId,
                    causationId: stepCommandId(sagaId, current.step, current.direction),
                    replyTo: streamNames.entity(definition.category, sagaId),
                    schema: '',
                  },
                  streamName: 'spec-outcome',
                } as Recorded);
                if (reaction.events.length === 0) {
                  const step = definition.steps[current.step];
                  throw new CausewayError('USAGE', `${outcome.type} is not an outcome of step ${step?.name ?? current.step} (${current.direction})`);
                }
              }
              if (expected.statuses && JSON.stringify(statuses) !== JSON.stringify(expected.statuses)) {
                throw new SpecFailure(`saga ${definition.name} recorded other statuses`, expected.statuses, statuses);
              }
              if (expected.sent) {
                const ok =
                  sent.length === expected.sent.length &&
                  expected.sent.every((e, i) => sent[i]?.type === e.type && (e.data === undefined || matchPartial(sent[i]?.data, e.data)));
                if (!ok) {
                  throw new SpecFailure(
                    `saga ${definition.name} sent other commands`,
                    expected.sent,
                    sent.map((s, i) =>
                      expected.sent?.[i]?.data === undefined ? { type: s.type } : { type: s.type, data: projectLike(s.data, expected.sent[i]?.data) },
                    ),
                  );
                }
              }
            },
          };
        },
      };
    },
  };
}
