import pDefer from 'p-defer';
import { CausewayError } from '@causeway/errors';
import type { Db } from 'mongodb';
import type { AggregatorDefinition } from './AggregatorDefinition.ts';
import { logger as rootLogger, type Logger } from '../service/logger.ts';
import { comparePositions, type LogPosition } from '../messages/LogPosition.ts';
import type { MessageStore } from '../store/MessageStore.ts';
import { projectIntoViews } from './projectIntoViews.ts';
import { ViewWriter } from './ViewWriter.ts';
import { retryWhileUnavailable } from '../store/retryWhileUnavailable.ts';

export interface AggregatorOptions {
  readonly store: MessageStore;
  readonly db: Db;
  readonly logger?: Logger;
  /** Events per bulkWrite (default 500). */
  readonly batchSize?: number;
  /**
   * Longest wait before a partial batch is written (default 0: as soon as the
   * records already received are handled; under load, records arriving while
   * a batch is written form the next one).
   */
  readonly flushMs?: number;
  /** Longest wait before progress over ignored records alone is checkpointed (default 200 ms). */
  readonly idleCheckpointMs?: number;
}

export interface RunningAggregator {
  /** Resolves once history up to the head at start has been written. */
  readonly caughtUp: Promise<void>;
  /** Rejects if the aggregator stops on an error: a database error other than being unavailable for a while (that is waited for), never a poison event (that becomes a dead letter). */
  readonly closed: Promise<void>;
  /** The stored checkpoint: every relevant event up to it is in the views. */
  checkpoint(): LogPosition | undefined;
  /**
   * Resolves true once the checkpoint reaches `position` (read-your-writes,
   * PROJECTION_UPDATED); false when `timeoutMs` passes first.
   */
  waitFor(position: LogPosition, timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Runs an aggregator (docs/ARCHITECTURE.md §8): catch-up subscription from its
 * stored checkpoint, one ordered bulkWrite per batch, idempotent conditional
 * updates, checkpoint written after the batch.
 */
export async function runAggregator(definition: AggregatorDefinition, options: AggregatorOptions): Promise<RunningAggregator> {
  const log = (options.logger ?? rootLogger).child({ aggregator: definition.name });
  const writer = new ViewWriter(options.db, definition, definition.name);
  // Started while MongoDB restarts: wait for it rather than exit into the supervisor's restart budget.
  await retryWhileUnavailable(() => writer.ensureIndexes(), { logger: log, what: 'creating indexes' });
  let checkpoint = await retryWhileUnavailable(() => writer.readCheckpoint(), { logger: log, what: 'reading the checkpoint' });
  const waiters = new Set<{ position: LogPosition; resolve: (ok: boolean) => void }>();
  const closing = pDefer<void>();
  const fail = closing.reject;
  const closed = closing.promise;
  closed.catch(() => undefined);
  const catchingUp = pDefer<void>();
  const resolveCaughtUp = catchingUp.resolve;
  const caughtUp = catchingUp.promise;

  const projection = projectIntoViews(options.store, definition, writer, {
    from: checkpoint,
    batchSize: options.batchSize ?? 500,
    flushMs: options.flushMs ?? 0,
    idleCheckpointMs: options.idleCheckpointMs ?? 200,
    logger: log,
    name: definition.name,
    onApplied: (position, events) => {
      checkpoint = position;
      for (const w of waiters) {
        if (comparePositions(position, w.position) >= 0) {
          waiters.delete(w);
          w.resolve(true);
        }
      }
      if (events > 0) log.debug({ events, position: String(position.commit) }, 'batch applied');
    },
    onCaughtUp: () => resolveCaughtUp(),
    onError: (error) => {
      log.error({ err: error }, 'aggregator stopped');
      fail(error);
    },
  });

  return {
    caughtUp,
    closed,
    checkpoint: () => checkpoint,
    waitFor(position, timeoutMs) {
      if (checkpoint && comparePositions(checkpoint, position) >= 0) return Promise.resolve(true);
      if (!Number.isFinite(timeoutMs) || timeoutMs < 0) throw new CausewayError('USAGE', 'waitFor needs a finite, non-negative timeout');
      return new Promise((resolve) => {
        const waiter = { position, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) resolve(false);
        }, timeoutMs).unref();
      });
    },
    async stop() {
      await projection.stop();
      for (const w of waiters) w.resolve(false);
      waiters.clear();
    },
  };
}
