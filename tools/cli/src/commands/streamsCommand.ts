import { Command, InvalidArgumentError } from 'commander';
import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError } from '@eventstore/db-client';
import { CausewayError } from '@causeway/errors';
import { openStore } from '../suite/connections.ts';
import { formatRecord } from '../suite/formatRecord.ts';

const count = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
};

/** `causeway streams read <stream>`: a stream's records, one readable line each (or JSON lines). */
export function streamsCommand(): Command {
  const streams = new Command('streams').description('inspect event store streams');
  streams
    .command('read')
    .description('print the records of a stream (EVENTSTORE_URL, default the one `npm start` runs)')
    .argument('<stream>', 'stream name, e.g. auction-2f6e8a10-…')
    .option('-n, --max <count>', 'at most this many records', count)
    .option('--from <revision>', 'first revision to read', (v) => BigInt(v))
    .option('--backwards', 'newest first')
    .option('--json', 'one JSON object per line')
    .option('--metadata', 'show metadata too')
    .action(async (stream: string, opts: { max?: number; from?: bigint; backwards?: boolean; json?: boolean; metadata?: boolean }) => {
      const store = openStore();
      let n = 0;
      try {
        const read = store.client.readStream(stream, {
          direction: opts.backwards ? BACKWARDS : FORWARDS,
          fromRevision: opts.from ?? (opts.backwards ? END : START),
          ...(opts.max ? { maxCount: opts.max } : {}),
        });
        for await (const resolved of read) {
          const e = resolved.event;
          if (!e) continue;
          n += 1;
          process.stdout.write(`${formatRecord({ ...e, streamName: e.streamId }, opts)}\n`);
        }
        if (!opts.json) process.stderr.write(`${n} record(s)\n`);
      } catch (error) {
        if (error instanceof StreamNotFoundError) throw new CausewayError('NOT_FOUND', `stream ${stream} does not exist`, { stream });
        throw error;
      } finally {
        await store.close();
      }
    });
  return streams;
}
