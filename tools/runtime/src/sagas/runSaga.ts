import type { CommandType } from '@causeway/contracts';
import { isCausewayError } from '@causeway/errors';
import { checkGroup, type ConsumerGroup } from '../consumers/consumerGroup.ts';
import { deterministicId } from '../messages/deterministicId.ts';
import { EntityCache } from '../components/EntityCache.ts';
import { logger as rootLogger, type Logger } from '../service/logger.ts';
import type { LogPosition } from '../messages/LogPosition.ts';
import type { MessageStore } from '../store/MessageStore.ts';
import type { Recorded } from '../messages/messages.ts';
import { runKeyedConsumer } from '../consumers/runKeyedConsumer.ts';
import type { SagaDefinition } from './SagaDefinition.ts';
import { evolveSaga, initialSagaState, reactSaga, type SagaState } from './sagaMachine.ts';
import { streamNames } from '../messages/streamNames.ts';

export interface SagaOptions {
  readonly store: MessageStore;
  readonly group?: ConsumerGroup;
  readonly logger?: Logger;
  readonly cacheSize?: number;
  readonly concurrency?: number;
}

export interface RunningSaga {
  readonly caughtUp: Promise<void>;
  readonly closed: Promise<void>;
  readonly checkpoint: () => LogPosition | undefined;
  stop(): Promise<void>;
}

export async function loadSaga<T extends CommandType>(store: MessageStore, definition: SagaDefinition<T>, sagaId: string): Promise<SagaState> {
  let state = initialSagaState();
  for await (const event of store.readStream(streamNames.entity(definition.category, sagaId))) state = evolveSaga(definition, state, event);
  return state;
}

/**
 * Runs a saga (docs/ARCHITECTURE.md §7). Triggers arrive on its command
 * category; outcomes are events of the categories it names whose metadata
 * `replyTo` is the saga's stream (components copy it from the command). Each
 * reaction is recorded on the saga stream first (with the expected revision)
 * and then its commands are sent with derived ids, so a crash in between is
 * repaired by the redelivery that follows.
 */
export async function runSaga<T extends CommandType>(definition: SagaDefinition<T>, options: SagaOptions): Promise<RunningSaga> {
  const { store } = options;
  const group = options.group ?? { size: 1, member: 0 };
  checkGroup(group);
  const log = (options.logger ?? rootLogger).child({ saga: definition.name });
  const cache = new EntityCache<SagaState>(options.cacheSize ?? 1_000);
  const commandPrefix = streamNames.commandCategory(definition.category);
  const sagaPrefix = streamNames.entityCategory(definition.category);

  const handle = async (sagaId: string, message: Recorded) => {
    const sagaStream = streamNames.entity(definition.category, sagaId);
    for (let attempt = 0; ; attempt += 1) {
      const state = cache.get(sagaId) ?? (await loadSaga(store, definition, sagaId));
      const reaction = reactSaga(definition, sagaId, state, message);
      const origin = state.origin ?? {
        correlationId: message.metadata.correlationId,
        ...(message.metadata.userId ? { userId: message.metadata.userId } : {}),
      };
      let next = state;
      const ids = reaction.events.map((_e, i) => deterministicId(message.id, `saga:${definition.name}:${i}`));
      if (reaction.events.length > 0) {
        try {
          const out = await store.append(
            sagaStream,
            reaction.events.map((e, i) => ({ id: ids[i], type: e.type, data: e.data, metadata: { ...origin, causationId: message.id } })),
            { expectedRevision: state.revision < 0n ? 'no_stream' : state.revision },
          );
          const first = out.nextRevision - BigInt(reaction.events.length) + 1n;
          reaction.events.forEach((e, i) => {
            next = evolveSaga(definition, next, {
              ...e,
              id: ids[i] as string,
              metadata: { ...origin, causationId: message.id, schema: '' },
              streamName: sagaStream,
              revision: first + BigInt(i),
              position: out.position ?? { commit: 0n, prepare: 0n },
              created: message.created,
            } as Recorded);
          });
        } catch (error) {
          cache.delete(sagaId);
          if (isCausewayError(error, 'WRONG_EXPECTED_VERSION') && attempt < 20) continue;
          throw error;
        }
      }
      cache.set(sagaId, next);
      const startedIds = new Map(reaction.events.flatMap((e, i) => (e.type === 'SagaStepStarted' ? [[e.data.commandId, ids[i] as string] as const] : [])));
      for (const c of reaction.commands) {
        await store.append(streamNames.command(c.category, c.id), [
          {
            id: c.commandId,
            type: c.command.type,
            data: c.command.data,
            metadata: { ...origin, causationId: startedIds.get(c.commandId) ?? message.id, replyTo: sagaStream },
          },
        ]);
      }
      if (reaction.events.length > 0) {
        log.debug({ sagaId, correlationId: origin.correlationId, events: reaction.events.map((e) => e.type) }, 'saga advanced');
      }
      return;
    }
  };

  const consumer = await runKeyedConsumer({
    store,
    name: group.size > 1 ? `${definition.name}${group.member}of${group.size}` : definition.name,
    streamPrefixes: [commandPrefix, ...definition.categories.map((c) => streamNames.entityCategory(c))],
    keyOf: (message) => {
      if (message.streamName.startsWith(commandPrefix)) return streamNames.idOf(message.streamName);
      const replyTo = message.metadata?.replyTo;
      return typeof replyTo === 'string' && replyTo.startsWith(sagaPrefix) ? streamNames.idOf(replyTo) : undefined;
    },
    handle,
    group,
    concurrency: options.concurrency ?? 64,
    checkpointEvery: { messages: 200, ms: 1_000 },
    logger: log,
  });
  return consumer;
}
