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

/** One measured phase: its rate, and the CPU each side spent per event (µs). */
interface Phase {
  readonly rate: number;
  readonly clientUs: number;
  readonly serverUs: number;
}

interface Figures {
  single: Phase;
  batched: Phase;
  batchedConcurrent: Phase;
  /** Reads are repeated (`readRounds`); each is the round with the median rate. */
  readAll: Phase;
  catchUp: Phase;
  readAllRange: readonly number[];
  catchUpRange: readonly number[];
  peakRssMiB: number;
  heapMiB: number;
}

const readRounds = 3;

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

/** CPU time (user + system) a Linux process has used, in µs, from /proc (USER_HZ = 100). */
function processCpuUs(pid: number | undefined): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/**
 * Times `run` (which returns how many events it moved) and the CPU both sides
 * spent on it: this process is the client (db-client's encoding and decoding,
 * plus building the events), the child is the server.
 */
async function timed(server: ChildProcess, run: () => Promise<number>): Promise<Phase> {
  const clientBefore = process.cpuUsage();
  const serverBefore = processCpuUs(server.pid);
  const start = performance.now();
  const count = await run();
  const ms = performance.now() - start;
  const client = process.cpuUsage(clientBefore);
  return { rate: (count * 1000) / ms, clientUs: (client.user + client.system) / count, serverUs: (processCpuUs(server.pid) - serverBefore) / count };
}

const median = (phases: readonly Phase[]): Phase => [...phases].sort((a, b) => a.rate - b.rate)[Math.floor(phases.length / 2)] as Phase;

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
      await client.appendToStream(
        'warm-up-batches',
        Array.from({ length: batchSize }, (_, k) => jsonEvent({ type: 'WarmUp', data: payload(k) })),
      );
    }
    progress(`${label}: ${singleAppends} sequential single-event appends`);
    const single = await timed(child, async () => {
      for (let i = 0; i < singleAppends; i += 1) await client.appendToStream(`single-${i % 100}`, jsonEvent({ type: 'BidPlaced', data: payload(i) }));
      return singleAppends;
    });

    progress(`${label}: ${events} events in ${batchSize}-event batches`);
    const batched = await timed(child, async () => {
      for (let i = 0; i < events / batchSize; i += 1) {
        const batch = Array.from({ length: batchSize }, (_, k) => jsonEvent({ id: crypto.randomUUID(), type: 'BidPlaced', data: payload(i * batchSize + k) }));
        await client.appendToStream(`auction-${i % 1000}`, batch);
      }
      return events;
    });

    // Concurrent writers let client encoding and server commits overlap (and group-commit).
    progress(`${label}: ${events / 2} events in ${batchSize}-event batches, ${writers} concurrent writers`);
    const batchedConcurrent = await timed(child, async () => {
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < events / 2 / batchSize / writers; i += 1) {
            const batch = Array.from({ length: batchSize }, (_, k) =>
              jsonEvent({ id: crypto.randomUUID(), type: 'BidPlaced', data: payload(i * batchSize + k) }),
            );
            await client.appendToStream(`auction-${w}-${i % 250}`, batch);
          }
        }),
      );
      return events / 2;
    });

    // Reads are repeated and the median kept: one pass over the log takes 2-3 s, and a single
    // pass moved by up to a fifth between runs on this machine.
    for await (const _ of client.readAll({ fromPosition: START, maxCount: 20_000 })) continue;
    const reads: Phase[] = [];
    const catchUps: Phase[] = [];
    for (let round = 1; round <= readRounds; round += 1) {
      progress(`${label}: readAll over every event (${round}/${readRounds})`);
      reads.push(
        await timed(child, async () => {
          let read = 0;
          for await (const resolved of client.readAll({ fromPosition: START })) if (resolved.event) read += 1;
          return read;
        }),
      );
      progress(`${label}: catch-up subscription over every event (${round}/${readRounds})`);
      catchUps.push(
        await timed(child, async () => {
          let seen = 0;
          const subscription = client.subscribeToAll({ fromPosition: START });
          await new Promise<void>((resolve, reject) => {
            subscription.on('caughtUp', () => resolve());
            subscription.on('error', reject);
            subscription.on('data', () => (seen += 1));
          });
          await subscription.unsubscribe();
          return seen;
        }),
      );
    }
    const readAll = median(reads);
    const catchUp = median(catchUps);
    const readAllRange = reads.map((r) => r.rate);
    const catchUpRange = catchUps.map((r) => r.rate);
    return {
      single,
      batched,
      batchedConcurrent,
      readAll,
      catchUp,
      readAllRange,
      catchUpRange,
      peakRssMiB: peakRssMiB(child.pid),
      heapMiB: await server.heapMiB(),
    };
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
      type PhaseKey = 'single' | 'batched' | 'batchedConcurrent' | 'readAll' | 'catchUp';
      const rate = (metric: string, key: PhaseKey, target: string, rounds?: readonly number[]): BenchRow => ({
        metric,
        value: perSecond(durable[key].rate),
        baseline: `${perSecond(memory[key].rate)} in memory${rounds ? `; median of ${rounds.map((r) => perSecond(r)).join(', ')}` : ''}`,
        target,
      });
      // The client's own CPU per event bounds what any server could give it: in the sequential
      // phases it waits for each answer, so client and server time add up; in the others they
      // overlap on the two cores, and the busier side sets the pace.
      const cpu = (key: PhaseKey, serial: boolean): BenchRow => {
        const { clientUs, serverUs } = durable[key];
        return {
          metric: '  CPU per event: client (db-client, building events) / server',
          value: `${clientUs.toFixed(1)} / ${serverUs.toFixed(1)} µs`,
          baseline: `client alone allows at most ${perSecond(1e6 / clientUs)}${serial ? ' (sequential: client + server time add up)' : ''}`,
        };
      };
      return [
        rate('sequential single-event appends', 'single', '4,500/s'),
        cpu('single', true),
        { metric: 'sequential single-event appends, fsync per commit', value: perSecond(fsyncSingle), baseline: '', target: '' },
        rate(`events appended in ${batchSize}-event batches, one writer`, 'batched', '60,000/s'),
        cpu('batched', true),
        rate(`events appended in ${batchSize}-event batches, ${writers} concurrent writers`, 'batchedConcurrent', '60,000/s'),
        cpu('batchedConcurrent', false),
        rate('readAll events', 'readAll', '75,000/s', durable.readAllRange),
        cpu('readAll', false),
        rate('catch-up subscription events', 'catchUp', '75,000/s', durable.catchUpRange),
        cpu('catchUp', false),
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
