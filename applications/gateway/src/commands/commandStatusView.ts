import { COMMAND_STATUS } from '@causeway/command-status-view';
import { CHECKPOINTS, streamNames, type AggregatorDefinition, type AggregatorOptions } from '@causeway/runtime';
import DataLoader from 'dataloader';
import type { CommandView } from './CommandSender.ts';

// Most ids looked up together; a larger turn's worth goes out as several queries.
const maxBatch = 200;

/**
 * The command-status view (the suite's `command-status` aggregator) as CommandSender asks it. Lookups of command ids made in the same
 * turn of the event loop go out as one `$in` query: under load every keyed command asks once,
 * and those single lookups were the largest share of the embedded MongoDB's queries. Nothing
 * is cached (a later lookup must see what the view applied since), and a lookup sent later
 * than asked is still after the checkpoint reading that preceded it, which is all the sender
 * relies on.
 */
export function commandStatusView(db: AggregatorOptions['db'], aggregator: Pick<AggregatorDefinition, 'name' | 'categories'>): CommandView {
  const statuses = db.collection<{ _id: string; stream: string }>(COMMAND_STATUS);
  const checkpoints = db.collection<{ _id: string; position?: string }>(CHECKPOINTS);
  const streams = new DataLoader<string, { stream: string } | undefined>(
    async (ids) => {
      const docs = await statuses.find({ _id: { $in: [...ids] } }, { projection: { stream: 1 } }).toArray();
      const byId = new Map(docs.map((d) => [d._id, { stream: d.stream }]));
      return ids.map((id) => byId.get(id));
    },
    // setImmediate, not the default end-of-microtasks: requests arrive in separate I/O callbacks of one turn.
    { cache: false, maxBatchSize: maxBatch, batchScheduleFn: (run) => setImmediate(run) },
  );
  return {
    find: (id) => streams.load(id),
    follows: (stream) => aggregator.categories.some((c) => stream.startsWith(streamNames.entityCategory(c))),
    checkpoint: async () => (await checkpoints.findOne({ _id: aggregator.name }))?.position,
  };
}
