import { Command } from 'commander';
import { END, START, streamNameFilter } from '@eventstore/db-client';
import { openStore } from '../suite/connections.ts';
import { formatRecord } from '../suite/formatRecord.ts';

/** `causeway tail [--category C]`: follows `$all` live and prints each record as it arrives. */
export function tailCommand(): Command {
  return new Command('tail')
    .description('follow the event store live, one readable line per record (Ctrl-C to stop)')
    .option('-c, --category <category...>', 'only streams of these categories (e.g. auction, wallet:command)')
    .option('--from-start', 'print history first, then follow')
    .option('--system', 'include system records ($-prefixed types and streams)')
    .option('--json', 'one JSON object per line')
    .option('--metadata', 'show metadata too')
    .action(async (opts: { category?: string[]; fromStart?: boolean; system?: boolean; json?: boolean; metadata?: boolean }) => {
      const store = openStore();
      const prefixes = opts.category?.map((c) => (c.endsWith('-') ? c : `${c}-`));
      const subscription = store.client.subscribeToAll({
        fromPosition: opts.fromStart ? START : END,
        ...(prefixes ? { filter: streamNameFilter({ prefixes }) } : {}),
      });
      const stop = () => void subscription.unsubscribe().then(() => store.close());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      process.stderr.write(`following ${prefixes ? prefixes.join(', ') : 'every stream'}${opts.fromStart ? ' from the start' : ''}…\n`);
      for await (const resolved of subscription) {
        const e = resolved.event;
        if (!e || (!opts.system && (e.type.startsWith('$') || e.streamId.startsWith('$')))) continue;
        process.stdout.write(`${formatRecord({ ...e, streamName: e.streamId }, opts)}\n`);
      }
    });
}
