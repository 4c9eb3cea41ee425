import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORWARDS, START } from '@eventstore/db-client';
import { MessageStore, loadEntity, runAggregator, runComponent, streamNames } from '@causeway/runtime';
import { rebuildAggregator } from '@causeway/runtime/internal';
import { walletFixture, walletViewFixture } from '@causeway/runtime/testing';
import { MongoClient } from 'mongodb';
import type { Benchmark, BenchRow } from './Benchmark.ts';
import { perSecond } from './measureRate.ts';
import { startServiceProcess } from './startServiceProcess.ts';

const ENTITIES = 1_000;
const COMMANDS_PER_ENTITY = Number(process.env.RUNTIME_BENCH_COMMANDS_PER_ENTITY ?? 5);
const LONG_STREAM = 10_000;
const PROJECTION_EVENTS = Number(process.env.RUNTIME_BENCH_EVENTS ?? 200_000);
// Which sections run (comma-separated), so one can be measured or profiled alone.
const PARTS = new Set((process.env.RUNTIME_BENCH_PARTS ?? 'components,entities,aggregators').split(','));
const ms = (n: number) => `${n.toFixed(1)} ms`;
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * The runtime on durable embedded stores, each in its own process: commands
 * handled per second by one component instance, loading a long entity with
 * and without a snapshot, and aggregator throughput live and during a
 * rebuild beside the raw readAll rate of the same events.
 */
export const runtimeBench: Benchmark = {
  name: 'runtime',
  description: 'components, entity loading, aggregators (durable embedded stores, separate processes)',
  async run(progress) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'causeway-runtime-bench-'));
    const es = await startServiceProcess('devstore', path.join(dir, 'es'));
    const mg = await startServiceProcess('devmongo', path.join(dir, 'mongo'));
    const store = MessageStore.connect(es.url);
    const mongo = await new MongoClient(mg.url).connect();
    const rows: BenchRow[] = [];
    let start = 0;
    try {
      // Commands over 1,000 entities.
      if (PARTS.has('components')) {
        const category = `benchw${randomUUID().slice(0, 6)}`;
        const ids = Array.from({ length: ENTITIES }, () => randomUUID());
        progress(`seeding ${ENTITIES * COMMANDS_PER_ENTITY} commands over ${ENTITIES} entities`);
        for (let round = 0; round < COMMANDS_PER_ENTITY; round += 1) {
          await Promise.all(
            ids.map((id) =>
              store.append(streamNames.command(category, id), [{ type: 'DepositFunds', data: { walletId: id, amount: 1 + round, currency: 'EUR' } }]),
            ),
          );
        }
        progress('one component instance handles them');
        start = performance.now();
        const component = await runComponent({ ...walletFixture, name: category, category }, { store });
        await component.caughtUp;
        const commandsPerSecond = (ENTITIES * COMMANDS_PER_ENTITY * 1000) / (performance.now() - start);
        await component.stop();
        rows.push({
          metric: `commands/s, one instance, ${ENTITIES} entities (${ENTITIES * COMMANDS_PER_ENTITY} commands, catch-up)`,
          value: perSecond(commandsPerSecond),
          target: '≥ 2,000/s',
        });
      }

      // A 10,000-event entity.
      if (PARTS.has('entities')) {
        const longId = randomUUID();
        const longCategory = `benchl${randomUUID().slice(0, 6)}`;
        progress(`writing a ${LONG_STREAM}-event entity`);
        for (let i = 0; i < LONG_STREAM; i += 500) {
          await store.append(
            streamNames.entity(longCategory, longId),
            Array.from({ length: 500 }, (_, j) => ({
              type: 'FundsDeposited' as const,
              data: { walletId: longId, amount: 1, currency: 'EUR', balance: i + j + 1 },
              metadata: { causationId: randomUUID() },
            })),
          );
        }
        const def = { ...walletFixture, name: longCategory, category: longCategory };
        // Baseline: the official client alone reading the same stream (its decoding bounds any load).
        const clientOnly: number[] = [];
        for (let i = 0; i < 5; i += 1) {
          start = performance.now();
          for await (const _e of store.client.readStream(streamNames.entity(longCategory, longId), { direction: FORWARDS, fromRevision: START })) void _e;
          clientOnly.push(performance.now() - start);
        }
        const full: number[] = [];
        for (let i = 0; i < 5; i += 1) {
          start = performance.now();
          await loadEntity(store, def, longId);
          full.push(performance.now() - start);
        }
        const entity = await loadEntity(store, def, longId);
        await store.append(streamNames.entity(`${longCategory}:snapshot`, longId), [
          {
            type: 'SnapshotRecorded',
            data: {
              entityStream: streamNames.entity(longCategory, longId),
              revision: entity.revision.toString(),
              state: entity.state,
              handled: [...entity.handled],
              schemaVersion: 1,
            },
          },
        ]);
        const snap: number[] = [];
        for (let i = 0; i < 5; i += 1) {
          start = performance.now();
          await loadEntity(store, def, longId, { every: 1_000 });
          snap.push(performance.now() - start);
        }
        rows.push({
          metric: `load a ${LONG_STREAM}-event entity (median of 5)`,
          value: ms(median(full)),
          baseline: `client readStream alone ${ms(median(clientOnly))}`,
          target: '< 150 ms',
        });
        rows.push({ metric: `… with a snapshot (${LONG_STREAM} commands remembered)`, value: ms(median(snap)), target: '< 10 ms' });
      }

      // Aggregator throughput.
      if (PARTS.has('aggregators')) {
        const viewCategory = `benchv${randomUUID().slice(0, 6)}`;
        const wallets = Array.from({ length: 2_000 }, () => randomUUID());
        progress(`writing ${PROJECTION_EVENTS} events for the aggregator`);
        const perWallet = PROJECTION_EVENTS / wallets.length;
        for (let round = 0; round < perWallet; round += 10) {
          await Promise.all(
            wallets.map((w) =>
              store.append(
                streamNames.entity(viewCategory, w),
                Array.from({ length: 10 }, (_, j) => ({
                  type: 'FundsDeposited' as const,
                  data: { walletId: w, amount: 1, currency: 'EUR', balance: round + j + 1 },
                })),
              ),
            ),
          );
          if (round % 20 === 0) progress(`  ${(round + 10) * wallets.length} events written`);
        }
        progress('raw readAll of the whole log, the baseline');
        start = performance.now();
        let cpuStart = cpuMicros();
        let raw = 0;
        for await (const _e of store.client.readAll({ direction: FORWARDS, fromPosition: START, maxCount: Number.MAX_SAFE_INTEGER })) raw += 1;
        const rawRate = (raw * 1000) / (performance.now() - start);
        const rawCpu = (cpuMicros() - cpuStart) / raw;

        const db = mongo.db('bench');
        progress('aggregator projecting them from scratch (catch-up, batches of 500)');
        start = performance.now();
        cpuStart = cpuMicros();
        const aggregator = await runAggregator(walletViewFixture(viewCategory), { store, db });
        await aggregator.caughtUp;
        const liveRate = (PROJECTION_EVENTS * 1000) / (performance.now() - start);
        const liveCpu = (cpuMicros() - cpuStart) / PROJECTION_EVENTS;
        progress('live: events appended while the aggregator follows');
        const liveEvents = 20_000;
        start = performance.now();
        let last;
        for (let i = 0; i < liveEvents; i += 100) {
          const w = wallets[(i / 100) % wallets.length] as string;
          last = await store.append(
            streamNames.entity(viewCategory, w),
            Array.from({ length: 100 }, () => ({ type: 'FundsDeposited' as const, data: { walletId: w, amount: 1, currency: 'EUR', balance: 1 } })),
          );
        }
        await aggregator.waitFor(last?.position ?? { commit: 0n, prepare: 0n }, 120_000);
        const followRate = (liveEvents * 1000) / (performance.now() - start);
        await aggregator.stop();
        progress('rebuild into fresh collections');
        cpuStart = cpuMicros();
        const rebuilt = await rebuildAggregator(walletViewFixture(viewCategory), {
          store,
          db,
          onProgress: (p) => {
            if (p.events % 50_000 < 1_000) progress(`  rebuild ${p.events} events, ${Math.round(p.eventsPerSecond)}/s, ${(p.fraction * 100).toFixed(0)}%`);
          },
        });
        const rebuildRate = (rebuilt.events * 1000) / rebuilt.durationMs;
        const rebuildCpu = (cpuMicros() - cpuStart) / rebuilt.events;
        // The ratio to readAll is the target; CPU per event of this process tells cost from contention on two cores.
        const versusRaw = (rate: number, cpu: number) =>
          `readAll ${perSecond(rawRate)} (× ${(rate / rawRate).toFixed(2)}); CPU ${cpu.toFixed(0)} µs/event, readAll ${rawCpu.toFixed(0)}`;
        rows.push({
          metric: `aggregator catch-up from scratch, ${PROJECTION_EVENTS} events`,
          value: perSecond(liveRate),
          baseline: versusRaw(liveRate, liveCpu),
        });
        rows.push({
          metric: `aggregator following live appends (${liveEvents} events in 100-event appends)`,
          value: perSecond(followRate),
          baseline: 'bounded by the append rate',
        });
        rows.push({
          metric: `rebuild of ${rebuilt.events} events (incl. swap)`,
          value: perSecond(rebuildRate),
          baseline: versusRaw(rebuildRate, rebuildCpu),
          target: '≥ ½ readAll',
        });
      }
    } finally {
      await store.close();
      await mongo.close();
      await es.stop();
      await mg.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
