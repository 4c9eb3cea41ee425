import type { AggregatorDefinition } from './AggregatorDefinition.ts';
import type { CatchUpSubscription } from './CatchUpSubscription.ts';
import type { Logger } from './logger.ts';
import type { LogPosition } from './LogPosition.ts';
import type { MessageStore } from './MessageStore.ts';
import type { Recorded } from './messages.ts';
import { streamNames } from './streamNames.ts';
import { maxPosition, type ViewWriter } from './ViewWriter.ts';

export interface ProjectionOptions {
  readonly from: LogPosition | undefined;
  readonly batchSize: number;
  /** How long a partial batch may wait for company before it is written. */
  readonly flushMs: number;
  readonly logger: Logger;
  readonly name: string;
  /** After each batch is written and checkpointed. */
  readonly onApplied?: (checkpoint: LogPosition, events: number) => void;
  /** Each time everything up to the live head has been written. */
  readonly onCaughtUp?: () => void;
  readonly onError: (error: unknown) => void;
}

export interface Projection {
  readonly subscription: CatchUpSubscription;
  /** Writes what is buffered; resolves when it is stored. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Follows the aggregator's categories from a checkpoint and writes batches:
 * full batches at once, partial ones after `flushMs`, everything on caught-up
 * and on stop. Server checkpoints (records filtered out) move the checkpoint
 * too, so read-your-writes never waits on events this aggregator ignores.
 */
export function projectIntoViews(store: MessageStore, definition: AggregatorDefinition, writer: ViewWriter, options: ProjectionOptions): Projection {
  let batch: Recorded[] = [];
  let seen: LogPosition | undefined = options.from;
  let written: LogPosition | undefined = options.from;
  let chain: Promise<void> = Promise.resolve();
  // The batch being written while the next one is read: reading and writing overlap, one batch deep.
  let writing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const relevant = new Set(Object.keys(definition.handlers));

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    chain = chain.then(async () => {
      const events = batch;
      const checkpoint = seen;
      batch = [];
      if (!checkpoint || (events.length === 0 && written === checkpoint)) return;
      await writer.apply(events, checkpoint);
      written = checkpoint;
      options.onApplied?.(checkpoint, events.length);
    });
    chain.catch(options.onError);
    return chain;
  };
  const later = () => {
    timer ??= setTimeout(() => void flush(), options.flushMs);
  };

  const subscription = store.subscribe({
    name: options.name,
    logger: options.logger,
    ...(options.from ? { from: options.from } : {}),
    filter: { streamPrefixes: definition.categories.map((c) => streamNames.entityCategory(c)) },
    bufferSize: options.batchSize,
    handle: (message) => {
      seen = maxPosition(seen, message.position);
      if (relevant.has(message.type)) batch.push(message);
      if (batch.length < options.batchSize) {
        later();
        return undefined;
      }
      const previous = writing;
      writing = flush();
      return previous;
    },
    onCheckpoint: (position) => {
      seen = maxPosition(seen, position);
      later();
    },
    onCaughtUp: () => {
      void flush().then(() => options.onCaughtUp?.(), () => undefined);
    },
  });
  subscription.closed.catch(options.onError);

  return {
    subscription,
    flush,
    async stop() {
      await subscription.stop();
      await writing.catch(() => undefined);
      await flush();
    },
  };
}
