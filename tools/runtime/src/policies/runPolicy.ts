import { checkGroup, type ConsumerGroup } from '../consumers/consumerGroup.ts';
import { deterministicId } from '../messages/deterministicId.ts';
import { logger as rootLogger, type Logger } from '../service/logger.ts';
import type { MessageStore } from '../store/MessageStore.ts';
import type { Recorded } from '../messages/messages.ts';
import type { PolicyDefinition } from './PolicyDefinition.ts';
import { runKeyedConsumer, type RunningConsumer } from '../consumers/runKeyedConsumer.ts';
import type { SagaCommand } from '../sagas/SagaDefinition.ts';
import { streamNames } from '../messages/streamNames.ts';

export interface PolicyOptions {
  readonly store: MessageStore;
  readonly group?: ConsumerGroup;
  readonly logger?: Logger;
}

/**
 * Runs a policy: for each event of its categories, sends the commands its
 * handler returns. Command ids derive from the event id, so redelivery after a
 * crash sends the same commands again and the receiving component recognises
 * them. Events of one stream are handled in order.
 */
export async function runPolicy(definition: PolicyDefinition, options: PolicyOptions): Promise<RunningConsumer> {
  const group = options.group ?? { size: 1, member: 0 };
  checkGroup(group);
  const log = (options.logger ?? rootLogger).child({ policy: definition.name });
  return runKeyedConsumer({
    store: options.store,
    name: group.size > 1 ? `${definition.name}${group.member}of${group.size}` : definition.name,
    streamPrefixes: definition.categories.map((c) => streamNames.entityCategory(c)),
    keyOf: (message) => message.streamName,
    handle: async (_stream, event: Recorded) => {
      const handler = definition.handlers[event.type as keyof PolicyDefinition['handlers']] as ((e: Recorded) => readonly SagaCommand[]) | undefined;
      if (!handler) return;
      const commands = handler(event);
      for (const [i, c] of commands.entries()) {
        await options.store.append(streamNames.command(c.category, c.id), [
          {
            id: deterministicId(event.id, `${definition.name}:${i}`),
            type: c.command.type,
            data: c.command.data,
            metadata: {
              correlationId: event.metadata.correlationId,
              causationId: event.id,
              ...(event.metadata.userId ? { userId: event.metadata.userId } : {}),
            },
          },
        ]);
      }
      if (commands.length > 0)
        log.debug({ event: event.type, correlationId: event.metadata.correlationId, commands: commands.map((c) => c.command.type) }, 'policy sent commands');
    },
    group,
    concurrency: 64,
    checkpointEvery: { messages: 200, ms: 1_000 },
    logger: log,
  });
}
