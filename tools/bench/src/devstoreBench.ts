import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { EventStoreDBClient, jsonEvent, START } from '@eventstore/db-client';
import type { Benchmark, BenchRow } from './Benchmark.ts';
import { perSecond } from './measureRate.ts';

const events = Number(process.env['DEVSTORE_BENCH_EVENTS'] ?? 100_000);
const singleAppends = 5_000;
const warmUpAppends = 3_000;
const warmUpBatches = 200;
const batchSize = 100;
const writers = 4;

interface Figures {
  single: number;
  batched: number;
  batchedConcurrent: number;
  readAll: number;
  catchUp: number;
  peakRssMiB: number;
  heapMiB: number;
}

interface Server {
  readonly url: string;
  readonly child: ChildProcess;
  /** The server's live heap after a full GC, in MiB. */
  heapMiB(): Promise<number>;
}

async function startServer(dataDir: string | undefined, durability: 'process' | 'fsync' = 'process'): Promise<Server> {
  const entry = fileURLToPath(new URL('./devstoreBenchServer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', entry, dataDir ?? '', durability], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new Error('devstore bench server exited');
    return value;
  };
  const ready = await nextLine();
  if (!ready.startsWith('ready ')) throw new Error(`devstore bench server said ${ready}`);
  return {
    url: ready.slice('ready '.length),
    child,
    async heapMiB() {
      child.kill('SIGUSR2');
      return Number((await nextLine()).split(' ')[1]) / 2 ** 20;
    },
  };
}

/** Peak resident memory of a Linux process, from /proc. */
function peakRssMiB(pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

const payload = (i: number) => ({ auctionId: `a-${i % 500}`, amount: i, bidder: `u-${i % 97}`, note: 'x'.repeat(64) });

async function measure(dataDir: string | undefined, progress: (line: string) => void, label: string): Promise<Figures> {
  const server = await startServer(dataDir);
  const { child } = server;
  const client = EventStoreDBClient.connectionString(server.url);
  try {
    // Warm-ups (not measured) so that JIT compilation of both sides is not
    // timed: the steady state is what a long-running service sees. 300 appends
    // were too few: the first 5,000 then ran ~30% below the next 5,000.
    for (let i = 0; i < warmUpAppends; i += 1) await client.appendToStream(`warm-up-${i % 100}`, jsonEvent({ type: 'WarmUp', data: payload(i) }));
    for (let i = 0; i < warmUpBatches; i += 1) {
      await client.appendToStream('warm-up-batches', Array.from({ length: batchSize }, (_, k) => jsonEvent({ type: 'WarmUp', data: payload(k) })));
    }
    progress(`${label}: ${singleAppends} sequential single-event appends`);
    let start = performance.now();
    for (let i = 0; i < singleAppends; i += 1) await client.appendToStream(`single-${i % 100}`, jsonEvent({ type: 'BidPlaced', data: payload(i) }));
    const single = (singleAppends * 1000) / (performance.now() - start);

    progress(`${label}: ${events} events in ${batchSize}-event batches`);
    start = performance.now();
    for (let i = 0; i < events / batchSize; i += 1) {
      const batch = Array.from({ length: batchSize }, (_, k) => jsonEvent({ id: crypto.randomUUID(), type: 'BidPlaced', data: payload(i * batchSize + k) }));
      await client.appendToStream(`auction-${i % 1000}`, batch);
    }
    const batched = (events * 1000) / (performance.now() - start);

    // Concurrent writers let client encoding and server commits overlap (and group-commit).
    progress(`${label}: ${events / 2} events in ${batchSize}-event batches, ${writers} concurrent writers`);
    start = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < events / 2 / batchSize / writers; i += 1) {
          const batch = Array.from({ length: batchSize }, (_, k) => jsonEvent({ id: crypto.randomUUID(), type: 'BidPlaced', data: payload(i * batchSize + k) }));
          await client.appendToStream(`auction-${w}-${i % 250}`, batch);
        }
      }),
    );
    const batchedConcurrent = (events * 500) / (performance.now() - start);

    for await (const _ of client.readAll({ fromPosition: START, maxCount: 20_000 })) continue;
    progress(`${label}: readAll over every event`);
    start = performance.now();
    let read = 0;
    for await (const resolved of client.readAll({ fromPosition: START })) if (resolved.event) read += 1;
    const readAll = (read * 1000) / (performance.now() - start);

    progress(`${label}: catch-up subscription over every event`);
    start = performance.now();
    let seen = 0;
    const subscription = client.subscribeToAll({ fromPosition: START });
    await new Promise<void>((resolve, reject) => {
      subscription.on('caughtUp', () => resolve());
      subscription.on('error', reject);
      subscription.on('data', () => (seen += 1));
    });
    const catchUp = (seen * 1000) / (performance.now() - start);
    await subscription.unsubscribe();
    return { single, batched, batchedConcurrent, readAll, catchUp, peakRssMiB: peakRssMiB(child.pid), heapMiB: await server.heapMiB() };
  } finally {
    await client.dispose();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function fsyncSingleAppends(dataDir: string): Promise<number> {
  const { url, child } = await startServer(dataDir, 'fsync');
  const client = EventStoreDBClient.connectionString(url);
  try {
    const start = performance.now();
    for (let i = 0; i < singleAppends / 2; i += 1) await client.appendToStream(`single-${i % 100}`, jsonEvent({ type: 'BidPlaced', data: payload(i) }));
    return (singleAppends * 500) / (performance.now() - start);
  } finally {
    await client.dispose();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/**
 * The embedded event store through @eventstore/db-client, server in its own
 * process. Figures are for durable storage (SQLite WAL; acknowledged appends
 * survive kill -9), plus single appends with an fsync per commit; the
 * baseline is the same run on the in-memory store.
 */
export const devstoreBench: Benchmark = {
  name: 'devstore',
  description: `embedded EventStoreDB-compatible store through @eventstore/db-client, durable (baseline: in memory); readAll and catch-up over ${(events * 1.5 + singleAppends + warmUpAppends + warmUpBatches * batchSize).toLocaleString('en-US')} events`,
  async run(progress) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'devstore-bench-'));
    try {
      const memory = await measure(undefined, progress, 'in memory');
      const durable = await measure(dataDir, progress, 'durable');
      progress('durable with fsync per commit: sequential single-event appends');
      const fsyncSingle = await fsyncSingleAppends(path.join(dataDir, 'fsync'));
      const rate = (metric: string, key: Exclude<keyof Figures, 'peakRssMiB' | 'heapMiB'>, target: string): BenchRow => ({
        metric,
        value: perSecond(durable[key]),
        baseline: `${perSecond(memory[key])} in memory`,
        target,
      });
      return [
        rate('sequential single-event appends', 'single', '4,500/s'),
        { metric: 'sequential single-event appends, fsync per commit', value: perSecond(fsyncSingle), baseline: '', target: '' },
        rate(`events appended in ${batchSize}-event batches, one writer`, 'batched', '60,000/s'),
        rate(`events appended in ${batchSize}-event batches, ${writers} concurrent writers`, 'batchedConcurrent', '60,000/s'),
        rate('readAll events', 'readAll', '75,000/s'),
        rate('catch-up subscription events', 'catchUp', '75,000/s'),
        {
          metric: 'server peak RSS',
          value: `${Math.round(durable.peakRssMiB)} MiB`,
          baseline: `${Math.round(memory.peakRssMiB)} MiB in memory`,
        },
        {
          metric: 'server live heap after GC, at the end',
          value: `${durable.heapMiB.toFixed(1)} MiB`,
          baseline: `${memory.heapMiB.toFixed(1)} MiB in memory`,
        },
      ];
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
