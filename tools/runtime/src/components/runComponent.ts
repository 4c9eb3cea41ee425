import type { CommandType, EventType } from '@causeway/contracts';
import { isCausewayError } from '@causeway/errors';
import type { ComponentDefinition } from './ComponentDefinition.ts';
import { checkGroup, type ConsumerGroup } from '../consumers/consumerGroup.ts';
import { decideCommand, metadataFrom } from './decideCommand.ts';
import { deterministicId } from '../messages/deterministicId.ts';
import { EntityCache } from './EntityCache.ts';
import { foldEntity, type EntityState } from './EntityState.ts';
import { loadEntity, snapshotStream, type SnapshotOptions } from './loadEntity.ts';
import { logger as rootLogger, type Logger } from '../service/logger.ts';
import type { LogPosition } from '../messages/LogPosition.ts';
import type { MessageStore } from '../store/MessageStore.ts';
import type { Recorded, RecordedCommand } from '../messages/messages.ts';
import { commandsFailed, conflictsRetried } from '../service/metrics.ts';
import { runKeyedConsumer } from '../consumers/runKeyedConsumer.ts';
import { streamNames } from '../messages/streamNames.ts';

export interface ComponentOptions {
  readonly store: MessageStore;
  /** Consumer group membership: this instance handles the entities whose id hashes to `member`. */
  readonly group?: ConsumerGroup;
  readonly logger?: Logger;
  /** Attempts before a throwing command is recorded as `CommandFailed` and skipped (default 3). */
  readonly maxAttempts?: number;
  /** Reload-and-decide rounds on `WrongExpectedVersion` before giving up on the command (default 20). */
  readonly conflictRetries?: number;
  /** Entities kept folded in memory (default 1,000). */
  readonly cacheSize?: number;
  /** Commands in flight across different entities (default 64); one entity is always handled in order. */
  readonly concurrency?: number;
  /** The checkpoint is stored after this many messages or this many milliseconds, and on stop (defaults 200, 1,000 ms). */
  readonly checkpointEvery?: { readonly messages?: number; readonly ms?: number };
  readonly snapshots?: SnapshotOptions;
}

export interface RunningComponent {
  /** Resolves once the backlog present at start has been handled. */
  readonly caughtUp: Promise<void>;
  /** Rejects if the component stops on an unexpected error (a bug or a lost store). */
  readonly closed: Promise<void>;
  /** The stored-or-storable checkpoint: every command up to it has been handled. */
  readonly checkpoint: () => LogPosition | undefined;
  /** Stops taking commands, drains those in flight, stores the checkpoint. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (base: number) => base * (0.5 + Math.random());

/**
 * Runs a component (docs/ARCHITECTURE.md §6): subscribes to its command category,
 * and for each command loads and folds the entity, decides, and appends with
 * the expected revision; conflicts reload and decide again; a throwing command
 * is retried, then recorded as `CommandFailed` and skipped; the checkpoint is
 * stored at an interval and on stop.
 */
export async function runComponent<S, C extends CommandType, E extends EventType>(
  definition: ComponentDefinition<S, C, E>,
  options: ComponentOptions,
): Promise<RunningComponent> {
  const { store } = options;
  const group = options.group ?? { size: 1, member: 0 };
  checkGroup(group);
  const log = (options.logger ?? rootLogger).child({ component: definition.name, member: group.member, of: group.size });
  const maxAttempts = options.maxAttempts ?? 3;
  const conflictRetries = options.conflictRetries ?? 20;
  const cache = new EntityCache<EntityState<S>>(options.cacheSize ?? 1_000);

  const recordFailure = async (
    entityId: string,
    command: { id: string; type: string; streamName: string; metadata: Recorded['metadata'] },
    attempts: number,
    error: unknown,
  ) => {
    const err = error as { message?: unknown; name?: unknown; code?: unknown };
    commandsFailed.inc({ consumer: definition.name });
    await store.append(streamNames.entity(definition.category, entityId), [
      {
        id: deterministicId(command.id, 'failed'),
        type: 'CommandFailed',
        data: {
          commandId: command.id,
          commandType: command.type,
          commandStream: command.streamName,
          attempts,
          error: {
            message: String(err?.message ?? error).slice(0, 4000),
            ...(typeof err?.name === 'string' ? { name: err.name.slice(0, 200) } : {}),
            ...(typeof err?.code === 'string' ? { code: err.code.slice(0, 100) } : {}),
          },
          failedAt: new Date().toISOString(),
        },
        metadata: metadataFrom(command, 'CommandFailed'),
      },
    ]);
    cache.delete(entityId);
    log.error(
      { err: error, commandId: command.id, type: command.type, correlationId: command.metadata.correlationId, attempts },
      'command failed; recorded and skipped',
    );
  };

  const handle = async (entityId: string, command: RecordedCommand) => {
    let failures = 0;
    let conflicts = 0;
    for (;;) {
      let entity = cache.get(entityId);
      if (!entity) entity = await loadEntity(store, definition, entityId, options.snapshots);
      let decision;
      try {
        decision = decideCommand(definition, entity, command);
      } catch (error) {
        failures += 1;
        if (failures < maxAttempts && !isCausewayError(error, 'UNKNOWN_MESSAGE_TYPE')) {
          await sleep(jitter(20 * failures));
          cache.delete(entityId);
          continue;
        }
        await recordFailure(entityId, command, failures, error);
        return;
      }
      if (decision.kind === 'duplicate' || decision.events.length === 0) {
        cache.set(entityId, entity);
        return;
      }
      try {
        const outcome = await store.append(streamNames.entity(definition.category, entityId), decision.events, {
          expectedRevision: entity.revision < 0n ? 'no_stream' : entity.revision,
        });
        const first = outcome.nextRevision - BigInt(decision.events.length) + 1n;
        const recorded = decision.events.map((e, i) => ({
          ...e,
          streamName: streamNames.entity(definition.category, entityId),
          revision: first + BigInt(i),
          position: outcome.position ?? { commit: 0n, prepare: 0n },
          created: command.created,
        })) as unknown as Recorded[];
        const next = foldEntity(definition, entity, recorded);
        cache.set(entityId, next);
        const every = options.snapshots?.every;
        if (every && Math.floor(Number(next.revision + 1n) / every) > Math.floor(Number(entity.revision + 1n) / every)) {
          // A snapshot is an optimisation: one that cannot be written (over the store's
          // append limit, for an entity with a very large state or history of commands)
          // must not stop the component; loads then read the whole stream.
          await store
            .append(snapshotStream(definition.category, entityId), [
              {
                type: 'SnapshotRecorded',
                data: {
                  entityStream: streamNames.entity(definition.category, entityId),
                  revision: next.revision.toString(),
                  state: next.state,
                  handled: [...next.handled],
                  schemaVersion: options.snapshots?.version ?? 1,
                },
              },
            ])
            .catch((error: unknown) =>
              log.warn({ err: error, entityId, revision: String(next.revision) }, 'snapshot not written; loads read the whole stream until one is'),
            );
        }
        log.debug(
          { commandId: command.id, type: command.type, correlationId: command.metadata.correlationId, events: decision.events.length },
          'command handled',
        );
        return;
      } catch (error) {
        cache.delete(entityId);
        if (isCausewayError(error, 'WRONG_EXPECTED_VERSION') && conflicts < conflictRetries) {
          conflicts += 1;
          conflictsRetried.inc({ consumer: definition.name });
          await sleep(jitter(Math.min(2 ** conflicts, 100)));
          continue;
        }
        throw error;
      }
    }
  };

  const consumer = await runKeyedConsumer({
    store,
    name: group.size > 1 ? `${definition.name}${group.member}of${group.size}` : definition.name,
    streamPrefixes: [streamNames.commandCategory(definition.category)],
    keyOf: (message) => streamNames.idOf(message.streamName),
    handle: (entityId, message) => handle(entityId, message as RecordedCommand),
    onInvalid: (entityId, error, raw) =>
      recordFailure(entityId, { ...raw, metadata: { correlationId: raw.id, causationId: raw.id, schema: 'runtime/CommandFailed@1' } }, 1, error),
    group,
    concurrency: options.concurrency ?? 64,
    checkpointEvery: { messages: options.checkpointEvery?.messages ?? 200, ms: options.checkpointEvery?.ms ?? 1_000 },
    logger: log,
  });
  return {
    ...consumer,
    async stop() {
      await consumer.stop();
      const mark = consumer.checkpoint();
      log.info({ checkpoint: mark ? String(mark.commit) : undefined }, 'component stopped');
    },
  };
}
