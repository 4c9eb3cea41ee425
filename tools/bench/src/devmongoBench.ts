import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { startDevMongo } from '@causeway/devmongo';
import type { Benchmark, BenchRow } from './Benchmark.ts';
import { perSecond } from './measureRate.ts';

type ViewDoc = { _id: number; v?: number; email?: string; n?: number };

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

/** Every metric of the issue against one running store; `label` says which setup it was. */
async function measure(url: string, label: string, progress: (line: string) => void): Promise<BenchRow[]> {
  const client = new MongoClient(url, { maxPoolSize: 1 });
  await client.connect();
  try {
    const db = client.db('bench');
    const at = (metric: string) => `${metric} (${label})`;
    progress(`${label}: ping baseline`);
    const baseline = `ping ${perSecond(await rateOf(1500, () => db.command({ ping: 1 })))}`;

    const views = db.collection<ViewDoc>('views');
    progress(`${label}: single upserts that insert, then that update`);
    const inserts = await rateOf(2000, (i) => views.updateOne({ _id: i }, { $set: { v: 1 } }, { upsert: true }));
    const updates = await rateOf(2000, (i) => views.updateOne({ _id: i % 1000 }, { $inc: { v: 1 } }, { upsert: true }));

    progress(`${label}: bulkWrite, 500 upserts per batch`);
    const bulk = db.collection<ViewDoc>('bulk');
    let batches = 0;
    const bulkOps =
      (await rateOf(3000, async () => {
        const base = batches++ * 500;
        await bulk.bulkWrite(
          Array.from({ length: 500 }, (_, k) => ({
            updateOne: { filter: { _id: (base + k) % 20_000 }, update: { $set: { v: base }, $inc: { n: 1 } }, upsert: true },
          })),
          { ordered: false },
        );
      })) * 500;

    progress(`${label}: loading 100,000 documents with a unique secondary index`);
    const big = db.collection<ViewDoc>('big');
    await big.createIndex({ email: 1 }, { unique: true });
    for (let start = 0; start < 100_000; start += 5000) {
      await big.insertMany(Array.from({ length: 5000 }, (_, k) => ({ _id: start + k, email: `user${start + k}@example.com`, n: (start + k) % 97 })));
    }
    progress(`${label}: findOne by _id, by the indexed field, and by an unindexed one`);
    const byId = await latencies(5000, (i) => big.findOne({ _id: (i * 7919) % 100_000 }));
    const byIndex = await latencies(5000, (i) => big.findOne({ email: `user${(i * 7919) % 100_000}@example.com` }));
    const byScan = await latencies(30, (i) => big.findOne({ n: 1000 + i }));
    const pingLatency = await latencies(5000, () => db.command({ ping: 1 }));
    const floor = `ping p50 ${ms(pingLatency.p50)}`;
    return [
      { metric: at('single upserts, inserting'), value: perSecond(inserts), baseline, target: '10,000/s' },
      { metric: at('single upserts, updating'), value: perSecond(updates), baseline, target: '10,000/s' },
      { metric: at('bulkWrite ops, 500-op batches'), value: perSecond(bulkOps), baseline, target: '50,000/s' },
      { metric: at('findOne by _id p50 / p99, 100k docs'), value: `${ms(byId.p50)} / ${ms(byId.p99)}`, baseline: floor, target: 'p50 < 0.15 ms' },
      {
        metric: at('findOne by indexed field p50 / p99, 100k docs'),
        value: `${ms(byIndex.p50)} / ${ms(byIndex.p99)}`,
        baseline: `${(byIndex.p50 / byId.p50).toFixed(2)}× the _id p50; ${floor}`,
        target: '≤ 3× _id',
      },
      { metric: at('findOne by unindexed field, 100k docs (full scan)'), value: `${ms(byScan.p50)} p50` },
    ];
  } finally {
    await client.close();
  }
}

interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly readyMs: number;
}

function spawnServer(dataDir: string): Promise<ServerProcess> {
  const entry = fileURLToPath(new URL('./devmongoBenchServer.ts', import.meta.url));
  const started = performance.now();
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', entry, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`devmongo bench server exited with ${code}`)));
    child.stdout?.once('data', (chunk: Buffer) => {
      const url = /^ready (\S+)/.exec(chunk.toString())?.[1];
      if (url) resolve({ url, child, readyMs: performance.now() - started });
      else reject(new Error(`unexpected output: ${chunk.toString()}`));
    });
  });
}

function heapOf(server: ServerProcess): Promise<number> {
  return new Promise((resolve) => {
    server.child.stdout?.once('data', (chunk: Buffer) => resolve(Number(/heap (\d+)/.exec(chunk.toString())?.[1] ?? 0)));
    server.child.kill('SIGUSR2');
  });
}

function stop(server: ServerProcess): Promise<void> {
  return new Promise((resolve) => {
    server.child.removeAllListeners('exit');
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}

/**
 * The embedded store through the real driver (7.x): in the client's own
 * process on the in-memory engine (as tests embed it), and in a process of its
 * own on the durable engine (as `causeway devmongo --data` runs it). The
 * baseline is a `ping` round trip in the same setup: no store can answer
 * faster than the wire and the driver allow.
 */
export const devmongoBench: Benchmark = {
  name: 'devmongo',
  description: 'embedded MongoDB-compatible store through the mongodb 7 driver',
  async run(progress) {
    const rows: BenchRow[] = [];
    const embedded = await startDevMongo();
    try {
      rows.push(...(await measure(embedded.url, 'in-process, memory', progress)));
    } finally {
      await embedded.close();
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'devmongo-bench-'));
    try {
      const server = await spawnServer(dataDir);
      try {
        rows.push(...(await measure(server.url, 'own process, durable', progress)));
        const heap = await heapOf(server);
        rows.push({ metric: 'server heap after GC, ~125k docs loaded (own process, durable)', value: `${Math.round(heap / 2 ** 20)} MiB` });
      } finally {
        await stop(server);
      }
      progress('durable: restart on the data written above');
      const restarted = await spawnServer(dataDir);
      await stop(restarted);
      rows.push({
        metric: 'restart until ready: process start + journal replay + load + index rebuild, ~125k docs',
        value: `${Math.round(restarted.readyMs)} ms`,
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    return rows;
  },
};
