import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { startDevMongo } from '@causeway/devmongo';
import { startDevStore } from '@causeway/devstore';
import { CausewayError } from '@causeway/errors';
import { CHECKPOINTS, MessageStore, runAggregator, type AggregatorDefinition, type MessageMetadata, type Outgoing } from '@causeway/runtime';
import { MongoClient, type Db } from 'mongodb';
import { matchPartial } from './matchPartial.ts';
import { SpecFailure } from './SpecFailure.ts';

/**
 * A message to seed, with the stream it belongs to (e.g. `auction-<id>`);
 * optionally its id and envelope metadata, for views keyed by causation.
 */
export type GivenEvent = Outgoing & { readonly stream: string; readonly id?: string; readonly metadata?: Partial<MessageMetadata> };

type Docs = Readonly<Record<string, readonly Record<string, unknown>[]>>;

async function project(definition: AggregatorDefinition, store: MessageStore, db: Db): Promise<Record<string, Record<string, unknown>[]>> {
  const running = await runAggregator(definition, { store, db });
  await Promise.race([running.caughtUp, running.closed]);
  await running.stop();
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const name of Object.keys(definition.collections)) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    out[name] = docs.map(({ _position: _p, ...rest }) => rest as Record<string, unknown>);
  }
  return out;
}

/**
 * given(events in any streams).then(documents) for an aggregator, through
 * the real runtime on fresh embedded stores (in memory). It projects twice,
 * the second time replaying every event over the first result, and fails
 * unless both give the same documents: idempotence is part of every spec.
 */
export function aggregatorSpec(definition: AggregatorDefinition) {
  return {
    given(events: readonly GivenEvent[]) {
      const run = async (expected: Docs, exact: boolean) => {
        {
          for (const name of Object.keys(expected)) {
            if (!(name in definition.collections)) throw new CausewayError('USAGE', `${definition.name} has no collection ${name}`);
          }
          const devstore = await startDevStore({ port: 0 });
          const devmongo = await startDevMongo({ port: 0 });
          const store = MessageStore.connect(devstore.url);
          const mongo = await new MongoClient(devmongo.url).connect();
          try {
            const db = mongo.db(`spec_${randomUUID().slice(0, 8)}`);
            for (const e of events)
              await store.append(e.stream, [{ ...(e.id ? { id: e.id } : {}), type: e.type, data: e.data, ...(e.metadata ? { metadata: e.metadata } : {}) }]);
            const once = await project(definition, store, db);
            await db.collection(CHECKPOINTS).deleteMany({});
            const twice = await project(definition, store, db);
            if (JSON.stringify(once) !== JSON.stringify(twice)) {
              throw new SpecFailure(`${definition.name} is not idempotent: replaying the same events changed the documents`, once, twice);
            }
            for (const [name, docs] of Object.entries(expected)) {
              const actual = once[name] ?? [];
              const sorted = [...docs].sort((a, b) => String(a._id).localeCompare(String(b._id)));
              const ok = actual.length === sorted.length && sorted.every((d, i) => (exact ? isDeepStrictEqual(actual[i], d) : matchPartial(actual[i], d)));
              if (!ok) throw new SpecFailure(`${definition.name}: ${name} holds other documents`, sorted, actual);
            }
          } finally {
            await store.close();
            await mongo.close();
            await devstore.close();
            await devmongo.close();
          }
        }
      };
      return {
        /** Each listed collection holds these documents (by `_id`), each matching partially. */
        then: (expected: Docs) => run(expected, false),
        /** Each listed collection holds exactly these documents, field for field (no extra fields). */
        thenExactly: (expected: Docs) => run(expected, true),
      };
    },
  };
}
