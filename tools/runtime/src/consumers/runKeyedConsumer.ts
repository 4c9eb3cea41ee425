import pDefer from 'p-defer';
import { groupMemberFor, type ConsumerGroup } from './consumerGroup.ts';
import type { Logger } from '../service/logger.ts';
import type { LogPosition } from '../messages/LogPosition.ts';
import type { MessageStore } from '../store/MessageStore.ts';
import type { Recorded } from '../messages/messages.ts';
import { CheckpointStream } from './CheckpointStream.ts';
import { CheckpointTracker } from './CheckpointTracker.ts';
import { Semaphore } from './Semaphore.ts';
import { retryWhileUnavailable } from '../store/retryWhileUnavailable.ts';
import { consumerProgress, handlerDuration, messagesHandled } from '../service/metrics.ts';

export interface KeyedConsumerOptions {
  readonly store: MessageStore;
  /** Consumer name: its checkpoint is stored in `<name>:checkpoint`. */
  readonly name: string;
  readonly streamPrefixes: readonly string[];
  /** The key a message is serialised on (entity id, saga id); undefined to skip the message. */
  readonly keyOf: (message: { streamName: string; metadata?: Recorded['metadata'] }) => string | undefined;
  readonly handle: (key: string, message: Recorded) => Promise<void>;
  /** A record that breaks its contract; handled on its key like any message. */
  readonly onInvalid?: (key: string, error: unknown, raw: { id: string; type: string; streamName: string }) => Promise<void>;
  readonly group: ConsumerGroup;
  readonly concurrency: number;
  readonly checkpointEvery: { readonly messages: number; readonly ms: number };
  readonly logger: Logger;
}

export interface RunningConsumer {
  readonly caughtUp: Promise<void>;
  readonly closed: Promise<void>;
  /** The watermark: every message at or before it has been handled. */
  readonly checkpoint: () => LogPosition | undefined;
  stop(): Promise<void>;
}

/**
 * The delivery engine shared by components and sagas: one catch-up
 * subscription, messages handled concurrently across keys but strictly in
 * order per key, a bounded number in flight, consumer-group ownership by key
 * hash, and the checkpoint (the watermark below which everything finished)
 * stored at an interval and on stop.
 */
export async function runKeyedConsumer(options: KeyedConsumerOptions): Promise<RunningConsumer> {
  const { store, group, logger: log } = options;
  const slots = new Semaphore(options.concurrency);
  const checkpoints = new CheckpointStream(store, options.name);
  let stopping = false;
  const start = await retryWhileUnavailable(() => checkpoints.read(), { logger: log, what: 'reading the checkpoint' });
  const tracker = new CheckpointTracker(start);
  const progress = consumerProgress(options.name);
  progress.advanced(start);
  const queues = new Map<string, Promise<void>>();
  let sinceStored = 0;
  let storing: Promise<void> = Promise.resolve();
  const closing = pDefer<void>();
  const fatal = closing.reject;
  const closed = closing.promise;
  closed.catch(() => undefined);

  // Writes run one after another. The chain continues past a failed write (a
  // store outage): the caller logs the failure, and the next write carries the
  // newer watermark anyway. Chaining on the rejected promise skipped every
  // later write, so the checkpoint froze until the process restarted.
  const storeCheckpoint = () => {
    const write = storing.then(async () => {
      const mark = tracker.watermark;
      progress.advanced(mark);
      if (mark) await checkpoints.write(mark);
      progress.stored();
    });
    storing = write.catch(() => undefined);
    return write;
  };
  const timer = setInterval(() => void storeCheckpoint().catch((err) => log.warn({ err }, 'storing the checkpoint failed')), options.checkpointEvery.ms);
  timer.unref();

  const enqueue = async (key: string, position: LogPosition, work: () => Promise<void>, outcome: 'handled' | 'invalid', created?: Date) => {
    await slots.acquire();
    const done = tracker.begin(position);
    const previous = queues.get(key) ?? Promise.resolve();
    // A store that is down for a moment delays the message, in order, instead of
    // stopping the consumer: handlers are idempotent (derived ids, expected revisions).
    const attempt = async () => {
      const timer = handlerDuration.startTimer({ consumer: options.name });
      await retryWhileUnavailable(work, { logger: log, what: 'handling a message', stopping: () => stopping });
      timer();
    };
    const next = previous.then(attempt).then(
      () => {
        done();
        messagesHandled.inc({ consumer: options.name, outcome });
        progress.advanced(tracker.watermark, created);
        slots.release();
        if (queues.get(key) === next) queues.delete(key);
        sinceStored += 1;
        if (sinceStored >= options.checkpointEvery.messages) {
          sinceStored = 0;
          void storeCheckpoint().catch((err) => log.warn({ err }, 'storing the checkpoint failed'));
        }
      },
      (error) => {
        slots.release();
        log.error({ err: error, key }, 'stopping: unexpected error');
        fatal(error);
      },
    );
    queues.set(key, next);
  };
  const owned = (key: string | undefined): key is string => key !== undefined && groupMemberFor(key, group.size) === group.member;

  const catchingUp = pDefer<void>();
  const resolveCaughtUp = catchingUp.resolve;
  const caughtUp = catchingUp.promise;
  const subscription = store.subscribe({
    name: options.name,
    logger: log,
    ...(start ? { from: start } : {}),
    filter: { streamPrefixes: options.streamPrefixes },
    handle: async (message) => {
      const key = options.keyOf(message);
      if (!owned(key)) {
        tracker.skip(message.position);
        return;
      }
      await enqueue(key, message.position, () => options.handle(key, message), 'handled', message.created);
    },
    onInvalid: async (error, raw) => {
      const key = options.keyOf(raw);
      if (!raw.position) return;
      if (!owned(key) || !options.onInvalid) {
        if (!options.onInvalid) log.error({ err: error, id: raw.id, type: raw.type, stream: raw.streamName }, 'record breaks its contract; skipped');
        tracker.skip(raw.position);
        return;
      }
      const onInvalid = options.onInvalid;
      await enqueue(key, raw.position, () => onInvalid(key, error, raw), 'invalid');
    },
    onCaughtUp: () => {
      void slots.idle().then(resolveCaughtUp);
    },
  });
  subscription.closed.catch((error) => fatal(error));

  return {
    caughtUp,
    closed,
    checkpoint: () => tracker.watermark,
    async stop() {
      stopping = true;
      await subscription.stop();
      await Promise.allSettled([...queues.values()]);
      clearInterval(timer);
      await storeCheckpoint();
    },
  };
}
