import type { AggregatorDefinition } from './AggregatorDefinition.ts';
import type { CatchUpSubscription } from '../store/CatchUpSubscription.ts';
import type { Logger } from '../service/logger.ts';
import type { LogPosition } from '../messages/LogPosition.ts';
import type { MessageStore } from '../store/MessageStore.ts';
import type { Recorded } from '../messages/messages.ts';
import { streamNames } from '../messages/streamNames.ts';
import { maxPosition, type ViewWriter } from './ViewWriter.ts';
import { retryWhileUnavailable } from '../store/retryWhileUnavailable.ts';
import { consumerProgress, deadLetters, handlerDuration, messagesHandled } from '../service/metrics.ts';

export interface ProjectionOptions {
  readonly from: LogPosition | undefined;
  readonly batchSize: number;
  /**
   * How long a partial batch may wait for company before it is written; 0
   * writes it once the records already received have been handled.
   */
  readonly flushMs: number;
  /**
   * How long progress over records this aggregator ignores (filtered out by
   * the server, or of types it has no handler for) may wait before the
   * checkpoint alone is stored. Under `npm start` every commit anywhere moved
   * every idle aggregator's checkpoint: one MongoDB write per commit each.
   */
  readonly idleCheckpointMs?: number;
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
 * too, within `idleCheckpointMs`, so read-your-writes never waits long on
 * events this aggregator ignores.
 */
export function projectIntoViews(store: MessageStore, definition: AggregatorDefinition, writer: ViewWriter, options: ProjectionOptions): Projection {
  let batch: Recorded[] = [];
  let seen: LogPosition | undefined = options.from;
  let written: LogPosition | undefined = options.from;
  let chain: Promise<void> = Promise.resolve();
  // The batch being written while the next one is read: reading and writing overlap, one batch deep.
  let writing: Promise<void> = Promise.resolve();
  // Pending write: a timeout, or an immediate for `flushMs` 0. Cleared through `cancel`.
  let cancel: (() => void) | undefined;
  let due = Number.POSITIVE_INFINITY;
  const idleMs = options.idleCheckpointMs ?? options.flushMs;
  const relevant = new Set(Object.keys(definition.handlers));
  let stopping = false;
  const progress = consumerProgress(options.name);
  progress.advanced(options.from);

  const flush = (): Promise<void> => {
    cancel?.();
    cancel = undefined;
    due = Number.POSITIVE_INFINITY;
    chain = chain.then(async () => {
      const events = batch;
      const checkpoint = seen;
      batch = [];
      if (!checkpoint || (events.length === 0 && written === checkpoint)) return;
      // Writes are conditional on each document's position, so a batch tried again after a
      // MongoDB restart applies once; the subscription waits meanwhile (a full batch awaits this).
      const timer = handlerDuration.startTimer({ consumer: options.name });
      const applied = await retryWhileUnavailable(() => writer.apply(events, checkpoint), {
        logger: options.logger,
        what: 'writing a batch',
        stopping: () => stopping,
      });
      timer();
      messagesHandled.inc({ consumer: options.name, outcome: 'handled' }, events.length);
      if (applied.deadLetters > 0) deadLetters.inc({ consumer: options.name }, applied.deadLetters);
      progress.advanced(checkpoint, events.at(-1)?.created);
      progress.stored();
      written = checkpoint;
      options.onApplied?.(checkpoint, events.length);
    });
    chain.catch(options.onError);
    return chain;
  };
  // One timer, at the earliest time anything buffered must be written.
  // With 0, everything the client had already decoded is handled first (the
  // subscription hands buffered records over in microtasks), so a batch is
  // what arrived together: no added wait when idle, large batches under load.
  const later = (ms: number) => {
    const at = Date.now() + ms;
    if (cancel && due <= at) return;
    cancel?.();
    due = at;
    if (ms === 0) {
      const immediate = setImmediate(() => void flush());
      cancel = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(() => void flush(), ms);
      cancel = () => clearTimeout(timeout);
    }
  };

  const subscription = store.subscribe({
    name: options.name,
    logger: options.logger,
    ...(options.from ? { from: options.from } : {}),
    filter: { streamPrefixes: definition.categories.map((c) => streamNames.entityCategory(c)) },
    bufferSize: options.batchSize,
    handle: (message) => {
      seen = maxPosition(seen, message.position);
      const useful = relevant.has(message.type);
      if (useful) batch.push(message);
      if (batch.length < options.batchSize) {
        later(useful ? options.flushMs : idleMs);
        return undefined;
      }
      const previous = writing;
      writing = flush();
      return previous;
    },
    onCheckpoint: (position) => {
      seen = maxPosition(seen, position);
      later(idleMs);
    },
    onCaughtUp: () => {
      void flush().then(
        () => options.onCaughtUp?.(),
        () => undefined,
      );
    },
  });
  subscription.closed.catch(options.onError);

  return {
    subscription,
    flush,
    async stop() {
      stopping = true;
      await subscription.stop();
      await writing.catch(() => undefined);
      await flush();
    },
  };
}
