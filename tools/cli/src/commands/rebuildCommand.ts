import { Command } from 'commander';
import { CausewayError } from '@causeway/errors';
import { logger } from '@causeway/runtime';
import { rebuildAggregator } from '@causeway/runtime/internal';
import { openDb, openStore } from '../suite/connections.ts';
import { loadSuite } from '@causeway/suite';

const bar = (fraction: number, width = 30) => {
  const done = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(done)}${'.'.repeat(width - done)}]`;
};

/** `causeway rebuild <aggregator>`: replays history into fresh collections, then swaps them in. */
export function rebuildCommand(): Command {
  return new Command('rebuild')
    .description('rebuild an aggregator’s view data from history while the current views keep serving; resumes after a crash')
    .argument('<aggregator>', 'aggregator name, which is its folder under aggregators/ (e.g. auction-board)')
    .action(async (name: string) => {
      const suite = await loadSuite();
      const definition = suite.aggregators.find((a) => a.name === name) ?? suite.aggregators.find((a) => suite.origin.get(a) === `aggregators/${name}`);
      if (!definition) {
        throw new CausewayError('NOT_FOUND', `no aggregator ${name}; known: ${suite.aggregators.map((a) => a.name).join(', ') || 'none'}`);
      }
      const store = openStore();
      const { db, close } = await openDb();
      const tty = process.stderr.isTTY;
      let last = 0;
      try {
        const result = await rebuildAggregator(definition, {
          store,
          db,
          // The progress bar says what the info lines would; warnings still show.
          logger: logger.child({}, { level: 'warn' }),
          onProgress: (p) => {
            const now = Date.now();
            if (!tty && now - last < 1_000) return;
            last = now;
            const line = `${bar(p.fraction)} ${(p.fraction * 100).toFixed(1).padStart(5)}%  ${p.events} events  ${Math.round(p.eventsPerSecond)} events/s`;
            process.stderr.write(tty ? `\r${line}` : `${line}\n`);
          },
        });
        if (tty) process.stderr.write('\n');
        process.stdout.write(
          `rebuilt ${definition.name}: ${result.events} events in ${(result.durationMs / 1000).toFixed(1)} s (${Math.round((result.events * 1000) / Math.max(result.durationMs, 1))} events/s)${result.resumed ? ', resumed' : ''}\n`,
        );
      } finally {
        await store.close();
        await close();
      }
    });
}
