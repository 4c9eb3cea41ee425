import { MongoClient, type Collection } from 'mongodb';
import { startDevMongo } from '@causeway/devmongo';
import type { Benchmark, BenchRow } from './Benchmark.ts';
import { perSecond } from './measureRate.ts';

type ViewDoc = { _id: number | string; v?: number; email?: string; n?: number };

/** Runs `op` sequentially for about `ms` and returns completed operations per second. */
async function rateOf(ms: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let i = 0;
  const start = performance.now();
  while (performance.now() - start < ms) await op(i++);
  return (i * 1000) / (performance.now() - start);
}

/** Latency percentiles (ms) of `count` sequential calls, after a warm-up. */
async function latencies(count: number, op: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 500; i++) await op(i);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await op(i);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

const ms = (value: number) => `${value.toFixed(3)} ms`;

/**
 * The embedded store through the real driver (7.x), on the in-memory engine
 * and on the durable SQLite engine. The baseline is a `ping` round trip in the
 * same run: no store can answer faster than the wire and the driver allow.
 */
export const devmongoBench: Benchmark = {
  name: 'devmongo',
  description: 'embedded MongoDB-compatible store through the mongodb 7 driver',
  async run(progress) {
    const rows: BenchRow[] = [];
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = mkdtempSync(join(tmpdir(), 'devmongo-bench-'));
    try {
      for (const mode of ['memory', 'durable'] as const) {
        const server = await startDevMongo(mode === 'durable' ? { dataDir } : {});
        const client = new MongoClient(server.url, { maxPoolSize: 1 });
        try {
          await client.connect();
          const db = client.db('bench');
          const label = (metric: string) => `${metric} (${mode})`;
          progress(`${mode}: ping baseline`);
          const ping = await rateOf(1500, () => db.command({ ping: 1 }));
          const baseline = `ping ${perSecond(ping)}`;

          const views: Collection<ViewDoc> = db.collection<ViewDoc>('views');
          progress(`${mode}: single upserts that insert`);
          const inserts = await rateOf(2000, (i) => views.updateOne({ _id: i }, { $set: { v: 1 } }, { upsert: true }));
          progress(`${mode}: single upserts that update`);
          const updates = await rateOf(2000, (i) => views.updateOne({ _id: i % 1000 }, { $inc: { v: 1 } }, { upsert: true }));
          rows.push({ metric: label('single upserts, inserting'), value: perSecond(inserts), baseline, target: '10,000/s' });
          rows.push({ metric: label('single upserts, updating'), value: perSecond(updates), baseline, target: '10,000/s' });

          progress(`${mode}: bulkWrite, 500 upserts per batch`);
          const bulk = db.collection<ViewDoc>('bulk');
          let batches = 0;
          const bulkRate =
            (await rateOf(3000, async () => {
              const base = batches++ * 500;
              await bulk.bulkWrite(
                Array.from({ length: 500 }, (_, k) => ({
                  updateOne: { filter: { _id: (base + k) % 20_000 }, update: { $set: { v: base }, $inc: { n: 1 } }, upsert: true },
                })),
                { ordered: false },
              );
            })) * 500;
          rows.push({ metric: label('bulkWrite ops, 500-op batches'), value: perSecond(bulkRate), baseline, target: '50,000/s' });

          progress(`${mode}: loading 100,000 documents with a unique secondary index`);
          const big = db.collection<ViewDoc>('big');
          await big.createIndex({ email: 1 }, { unique: true });
          for (let start = 0; start < 100_000; start += 5000) {
            await big.insertMany(Array.from({ length: 5000 }, (_, k) => ({ _id: start + k, email: `user${start + k}@example.com`, n: (start + k) % 97 })));
          }
          progress(`${mode}: findOne by _id`);
          const byId = await latencies(5000, (i) => big.findOne({ _id: (i * 7919) % 100_000 }));
          progress(`${mode}: findOne by indexed field`);
          const byIndex = await latencies(5000, (i) => big.findOne({ email: `user${(i * 7919) % 100_000}@example.com` }));
          progress(`${mode}: findOne by unindexed field (what the index saves)`);
          const byScan = await latencies(30, (i) => big.findOne({ n: 1000 + i }));
          rows.push({ metric: label('findOne by _id p50 / p99 (100k docs)'), value: `${ms(byId.p50)} / ${ms(byId.p99)}`, target: 'p50 < 0.15 ms' });
          rows.push({
            metric: label('findOne by indexed field p50 / p99 (100k docs)'),
            value: `${ms(byIndex.p50)} / ${ms(byIndex.p99)}`,
            baseline: `${(byIndex.p50 / byId.p50).toFixed(2)}× the _id p50`,
            target: '≤ 3× _id',
          });
          rows.push({ metric: label('findOne on an unindexed field, no match (full scan)'), value: `${ms(byScan.p50)} p50` });
        } finally {
          await client.close();
          await server.close();
        }
      }
      progress('durable: restart on the data written above');
      const reopenStart = performance.now();
      const reopened = await startDevMongo({ dataDir });
      const reopenMs = performance.now() - reopenStart;
      const client = new MongoClient(reopened.url);
      const docs = await client.db('bench').collection('big').estimatedDocumentCount();
      await client.close();
      await reopened.close();
      rows.push({ metric: `restart (load + index rebuild), ${docs.toLocaleString('en-US')}-doc collection + the rest`, value: `${Math.round(reopenMs)} ms` });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    return rows;
  },
};
