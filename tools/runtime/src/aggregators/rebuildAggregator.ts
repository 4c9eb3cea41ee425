import pDefer from 'p-defer';
import type { Db } from 'mongodb';
import type { AggregatorDefinition } from './AggregatorDefinition.ts';
import { logger as rootLogger, type Logger } from '../service/logger.ts';
import type { LogPosition } from '../messages/LogPosition.ts';
import type { MessageStore } from '../store/MessageStore.ts';
import { projectIntoViews } from './projectIntoViews.ts';
import { CHECKPOINTS, ViewWriter } from './ViewWriter.ts';

export interface RebuildProgress {
  readonly events: number;
  readonly position: LogPosition;
  /** Head of `$all` when the rebuild (or its resumption) started. */
  readonly head: LogPosition;
  /** Share of the log behind the position, 0…1 (by commit position). */
  readonly fraction: number;
  readonly eventsPerSecond: number;
}

export interface RebuildOptions {
  readonly store: MessageStore;
  readonly db: Db;
  readonly logger?: Logger;
  /** Events per bulkWrite (default 4,000: history comes in faster than live events, and fewer, larger writes cost less per event). */
  readonly batchSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildResult {
  readonly events: number;
  readonly durationMs: number;
  readonly version: string;
  readonly resumed: boolean;
}

interface RebuildState {
  _id: string;
  version: string;
  position?: string;
}

/** Physical name of a collection being rebuilt. */
export const rebuildCollectionName = (collection: string, version: string) => `${collection}__rebuild_${version}`;

/**
 * Rebuilds an aggregator's views from history (docs/ARCHITECTURE.md §8): replays
 * into fresh versioned collections while the current ones keep serving, swaps
 * them in by `renameCollection` with `dropTarget`, then replays whatever
 * arrived meanwhile into the swapped-in collections (idempotent, so racing a
 * running aggregator is harmless). Its own checkpoint lives under
 * `<name>#rebuild`, so a crashed rebuild resumes where it stopped.
 */
export async function rebuildAggregator(definition: AggregatorDefinition, options: RebuildOptions): Promise<RebuildResult> {
  const { db, store } = options;
  const log = (options.logger ?? rootLogger).child({ aggregator: definition.name, rebuild: true });
  const started = Date.now();
  const stateId = `${definition.name}#rebuild`;
  const states = db.collection<RebuildState>(CHECKPOINTS);
  const existing = await states.findOne({ _id: stateId });
  const version = existing?.version ?? `${Date.now().toString(36)}`;
  const shadow = (c: string) => rebuildCollectionName(c, version);
  if (!existing) {
    for (const c of Object.keys(definition.collections))
      await db
        .collection(shadow(c))
        .drop()
        .catch(() => undefined);
    await states.insertOne({ _id: stateId, version });
  }
  const writer = new ViewWriter(db, definition, stateId, shadow);
  await writer.ensureIndexes();
  const from = await writer.readCheckpoint();
  const head = await store.headPosition();
  log.info({ version, resumed: Boolean(existing), from: from ? String(from.commit) : 'start' }, 'rebuild started');

  let events = 0;
  const replay = async (target: ViewWriter, start: LogPosition | undefined, report: boolean) => {
    const finishing = pDefer<void>();
    const { resolve: done, reject: fail, promise: finished } = finishing;
    const projection = projectIntoViews(store, definition, target, {
      from: start,
      batchSize: options.batchSize ?? 4_000,
      flushMs: 20,
      logger: log,
      name: `${definition.name}#rebuild`,
      onApplied: (position, count) => {
        events += count;
        if (!report) return;
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        options.onProgress?.({
          events,
          position,
          head,
          fraction: head.commit === 0n ? 1 : Math.min(1, Number(position.commit) / Number(head.commit)),
          eventsPerSecond: events / seconds,
        });
      },
      onCaughtUp: () => done(),
      onError: (error) => fail(error),
    });
    try {
      await finished;
    } finally {
      await projection.stop().catch(() => undefined);
    }
    return target.readCheckpoint();
  };

  const rebuiltTo = await replay(writer, from, true);
  for (const c of Object.keys(definition.collections)) {
    const exists = (await db.listCollections({ name: shadow(c) }, { nameOnly: true }).toArray()).length > 0;
    if (exists) await db.collection(shadow(c)).rename(c, { dropTarget: true });
    else await db.collection(c).deleteMany({});
  }
  log.info({ version }, 'rebuilt collections swapped in');
  // Events that arrived between the last rebuilt batch and the swap went to the old collections.
  const live = new ViewWriter(db, definition, definition.name);
  await live.ensureIndexes();
  await replay(live, rebuiltTo, false);
  // Every event was tried again: the dead letters this rebuild did not record again now apply.
  const fixed = await live.clearDeadLettersOlderThan(new Date(started));
  if (fixed > 0) log.info({ fixed }, 'dead letters cleared by the rebuild');
  await states.deleteOne({ _id: stateId });
  const durationMs = Date.now() - started;
  log.info({ version, events, durationMs }, 'rebuild finished');
  return { events, durationMs, version, resumed: Boolean(existing) };
}
