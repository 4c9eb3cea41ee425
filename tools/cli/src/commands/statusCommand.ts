import { Command } from 'commander';
import { FORWARDS } from '@eventstore/db-client';
import { CHECKPOINTS, parsePosition, streamNames, type LogPosition } from '@causeway/runtime';
import { CheckpointStream, DEAD_LETTERS, DeadLetters } from '@causeway/runtime/internal';
import { openDb, openStore } from '../suite/connections.ts';
import { loadSuite } from '@causeway/suite';

const LAG_LIMIT = 100_000;

/**
 * Records the consumer still has to process: those of its streams after its
 * checkpoint, counted up to a limit (counting is a read). Records of other
 * streams do not count, as a filtered consumer never sees them.
 */
async function lagBehind(store: ReturnType<typeof openStore>, from: LogPosition | undefined, prefixes: readonly string[]): Promise<string> {
  let n = 0;
  const read = store.client.readAll({ direction: FORWARDS, fromPosition: from ?? 'start', maxCount: LAG_LIMIT + 1 });
  let first = true;
  for await (const resolved of read) {
    // readAll from a position includes the record at it; the consumer has processed that one.
    if (first && from && resolved.event?.position?.commit === from.commit) {
      first = false;
      continue;
    }
    first = false;
    const e = resolved.event;
    if (e && !e.type.startsWith('$') && prefixes.some((p) => e.streamId.startsWith(p))) n += 1;
  }
  return n > LAG_LIMIT ? `>${LAG_LIMIT}` : String(n);
}

/** `causeway status`: every consumer's checkpoint and how far it is behind the head of `$all`. */
export function statusCommand(): Command {
  return new Command('status')
    .description('each consumer’s checkpoint and its lag (records) behind the head of $all')
    .option('--json', 'machine-readable')
    .action(async (opts: { json?: boolean }) => {
      const suite = await loadSuite();
      const store = openStore();
      const { db, close } = await openDb();
      try {
        const head = await store.headPosition();
        const rows: { consumer: string; kind: string; checkpoint: string; lag: string; deadLetters?: number }[] = [];
        const esConsumers = [
          ...suite.components.map((c) => ({ name: c.name, kind: 'component', prefixes: [streamNames.commandCategory(c.category)] })),
          ...suite.sagas.map((s) => ({
            name: s.name,
            kind: 'saga',
            prefixes: [streamNames.commandCategory(s.category), ...s.categories.map(streamNames.entityCategory)],
          })),
          ...suite.policies.map((p) => ({ name: p.name, kind: 'policy', prefixes: p.categories.map(streamNames.entityCategory) })),
        ];
        for (const c of esConsumers) {
          const position = await new CheckpointStream(store, c.name).read();
          rows.push({
            consumer: c.name,
            kind: c.kind,
            checkpoint: position ? String(position.commit) : '-',
            lag: await lagBehind(store, position, c.prefixes),
          });
        }
        for (const a of suite.aggregators) {
          const doc = await db.collection<{ _id: string; position: string }>(CHECKPOINTS).findOne({ _id: a.name });
          const position = doc?.position ? parsePosition(doc.position) : undefined;
          rows.push({
            consumer: a.name,
            kind: 'aggregator',
            checkpoint: position ? String(position.commit) : '-',
            lag: await lagBehind(store, position, a.categories.map(streamNames.entityCategory)),
            deadLetters: await DeadLetters.count(db, a.name),
          });
        }
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ head: String(head.commit), consumers: rows })}\n`);
          return;
        }
        process.stdout.write(`head of $all: ${head.commit}\n`);
        const w = Math.max(8, ...rows.map((r) => r.consumer.length));
        process.stdout.write(`${'consumer'.padEnd(w)}  ${'kind'.padEnd(10)}  ${'checkpoint'.padStart(14)}  ${'lag'.padStart(8)}  ${'skipped'.padStart(7)}\n`);
        for (const r of rows) {
          const skipped = r.deadLetters === undefined ? '' : String(r.deadLetters);
          process.stdout.write(`${r.consumer.padEnd(w)}  ${r.kind.padEnd(10)}  ${r.checkpoint.padStart(14)}  ${r.lag.padStart(8)}  ${skipped.padStart(7)}\n`);
        }
        const poisoned = rows.filter((r) => (r.deadLetters ?? 0) > 0);
        if (poisoned.length > 0) {
          process.stdout.write(
            `skipped: events an aggregator could not apply, in ${DEAD_LETTERS} (causeway views ${DEAD_LETTERS}); fix the aggregator, then causeway rebuild ${poisoned[0]?.consumer}\n`,
          );
        }
      } finally {
        await store.close();
        await close();
      }
    });
}
