import { Command } from 'commander';
import { CausewayError } from '@causeway/errors';
import { CHECKPOINTS, POSITION_FIELD } from '@causeway/runtime';
import { loadSuite } from '@causeway/suite';
import { openDb } from '../suite/connections.ts';

/** `causeway views <collection> [--id ID] [--filter JSON]`: what the view data holds, for operators. */
export function viewsCommand(): Command {
  return new Command('views')
    .description('print view documents (MONGO_URL / MONGO_DB, default the store `npm start` runs)')
    .argument('<collection>', 'view collection, e.g. auctions, dashboards, documents')
    .option('--id <id>', 'one document by _id')
    .option('--filter <json>', 'a MongoDB filter, e.g. \'{"status":"open"}\'')
    .option('-n, --max <count>', 'at most this many documents', (v) => Number(v), 20)
    .action(async (collection: string, opts: { id?: string; filter?: string; max: number }) => {
      let filter: Record<string, unknown> = {};
      try {
        if (opts.filter) filter = JSON.parse(opts.filter) as Record<string, unknown>;
      } catch (error) {
        throw new CausewayError('MALFORMED_JSON', `--filter is not valid JSON: ${(error as Error).message}`);
      }
      if (opts.id) filter = { ...filter, _id: opts.id };
      const { db, close } = await openDb();
      try {
        // A view is a collection already there (a rebuild's too) or one the suite declares, minus bookkeeping.
        // The suite is loaded (every package imported) only for a name that is not there yet.
        const isView = (name: string) => !name.startsWith('system.') && name !== CHECKPOINTS;
        const present = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter(isView);
        if (!present.includes(collection)) {
          const declared = (await loadSuite()).aggregators.flatMap((a) => Object.keys(a.collections));
          const known = [...new Set([...declared, ...present])].filter(isView).sort();
          if (!known.includes(collection))
            throw new CausewayError('NOT_FOUND', `no view collection ${collection}; the views are ${known.join(', ') || 'none yet'}`);
        }
        const docs = await db
          .collection(collection)
          .find(filter, { projection: { [POSITION_FIELD]: 0 } })
          .limit(opts.max)
          .toArray();
        for (const doc of docs) process.stdout.write(`${JSON.stringify(doc)}\n`);
        process.stderr.write(`${docs.length} document(s)\n`);
      } finally {
        await close();
      }
    });
}
