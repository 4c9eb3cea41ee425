import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LogPosition } from '../messages/LogPosition.ts';

/**
 * The process's Prometheus metrics (docs/ARCHITECTURE.md §11), served on
 * `/metrics` by serveOperations. One registry per process: in a process that
 * runs several parts, the `consumer` label tells them apart.
 */
export const metricsRegistry = new Registry();
const registers = [metricsRegistry];

export const messagesHandled = new Counter({
  name: 'causeway_messages_handled_total',
  help: 'Messages a consumer finished, by outcome: handled (a CommandFailed or a dead letter counts here too, and in its own counter); invalid (broke its contract)',
  labelNames: ['consumer', 'outcome'] as const,
  registers,
});

export const handlerDuration = new Histogram({
  name: 'causeway_handler_duration_seconds',
  help: 'Time to handle one message (components, sagas, policies) or write one batch (aggregators), retries included',
  labelNames: ['consumer'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers,
});

export const commandsFailed = new Counter({
  name: 'causeway_commands_failed_total',
  help: 'Commands a component recorded as CommandFailed and skipped',
  labelNames: ['consumer'] as const,
  registers,
});

export const deadLetters = new Counter({
  name: 'causeway_dead_letters_total',
  help: 'Poison events an aggregator recorded in causeway_dead_letters and skipped',
  labelNames: ['consumer'] as const,
  registers,
});

export const conflictsRetried = new Counter({
  name: 'causeway_conflicts_retried_total',
  help: 'Appends refused for a wrong expected revision and decided again',
  labelNames: ['consumer'] as const,
  registers,
});

export const storeUnavailableRetries = new Counter({
  name: 'causeway_store_unavailable_retries_total',
  help: 'Operations tried again because a store was unavailable (a restart, a fail-over)',
  labelNames: ['what'] as const,
  registers,
});

interface Progress {
  /** The consumer's watermark: everything at or before it is done. */
  position?: LogPosition;
  /** When its checkpoint was last stored (ms since the epoch). */
  storedAt?: number;
  /** Recorded time of the newest message it finished, for lag in seconds. */
  lastCreated?: Date;
}
const progress = new Map<string, Progress>();
let headReader: (() => Promise<LogPosition>) | undefined;

/** Where each consumer is, for the lag and checkpoint-age gauges (read when scraped: no timers). */
export function consumerProgress(consumer: string): {
  advanced(position: LogPosition | undefined, created?: Date): void;
  stored(): void;
} {
  const entry: Progress = {};
  progress.set(consumer, entry);
  return {
    advanced(position, created) {
      if (position) entry.position = position;
      if (created) entry.lastCreated = created;
    },
    stored() {
      entry.storedAt = Date.now();
    },
  };
}

/** How the lag gauges learn the head of `$all` (set by runService with its store). */
export function setHeadReader(read: (() => Promise<LogPosition>) | undefined): void {
  headReader = read;
}

new Gauge({
  name: 'causeway_consumer_lag_position',
  help: 'Head of $all minus the consumer watermark, in commit-position units (records on the devstore, bytes on EventStoreDB)',
  labelNames: ['consumer'] as const,
  registers,
  async collect() {
    this.reset();
    if (!headReader || progress.size === 0) return;
    const head = await headReader().catch(() => undefined);
    if (!head) return;
    for (const [consumer, p] of progress) {
      const behind = p.position ? head.commit - p.position.commit : head.commit;
      this.set({ consumer }, Number(behind > 0n ? behind : 0n));
    }
  },
});

new Gauge({
  name: 'causeway_consumer_lag_seconds',
  help: 'Age of the newest message the consumer finished while it is behind the head of $all; 0 when caught up',
  labelNames: ['consumer'] as const,
  registers,
  async collect() {
    this.reset();
    if (!headReader || progress.size === 0) return;
    const head = await headReader().catch(() => undefined);
    if (!head) return;
    for (const [consumer, p] of progress) {
      const behind = !p.position || p.position.commit < head.commit;
      this.set({ consumer }, behind && p.lastCreated ? Math.max(0, (Date.now() - p.lastCreated.getTime()) / 1_000) : 0);
    }
  },
});

new Gauge({
  name: 'causeway_consumer_checkpoint_age_seconds',
  help: 'Time since the consumer last stored its checkpoint',
  labelNames: ['consumer'] as const,
  registers,
  collect() {
    this.reset();
    for (const [consumer, p] of progress) if (p.storedAt !== undefined) this.set({ consumer }, (Date.now() - p.storedAt) / 1_000);
  },
});
