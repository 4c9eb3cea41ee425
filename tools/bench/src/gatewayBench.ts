import os from 'node:os';
import { MessageStore } from '@causeway/runtime';
import { MongoClient } from 'mongodb';
import type { Benchmark, BenchRow } from './Benchmark.ts';
import { appendBaseline } from './gatewayBaseline.ts';
import { setUpClients } from './gatewayClients.ts';
import { cpuByProcess, machineTicks } from './gatewayCpu.ts';
import { GatewayHttp } from './gatewayHttp.ts';
import { LagSampler } from './gatewayLag.ts';
import { SubscriptionLag } from './gatewaySubscriptionLag.ts';
import { BID_COMMAND, closedLoop, drain, fixedRate, type PhaseRun } from './gatewayLoad.ts';
import { readChains } from './gatewayBreakdown.ts';
import { phaseRows, type PhaseSample } from './gatewayRows.ts';
import { spread } from './gatewayStats.ts';
import { startSuite } from './gatewaySuite.ts';
import { nowMs, Tracker } from './gatewayTracker.ts';

const CLIENTS = Number(process.env.GATEWAY_BENCH_CLIENTS ?? 50);
const RATE = Number(process.env.GATEWAY_BENCH_RATE ?? 200);
const FIXED_MS = Number(process.env.GATEWAY_BENCH_FIXED_SECONDS ?? 12) * 1000;
const SATURATION_MS = Number(process.env.GATEWAY_BENCH_SATURATION_SECONDS ?? 10) * 1000;
const DRAIN_MS = 45_000;
const FLOOR_RATE = 20;
const MID_RATE = Number(process.env.GATEWAY_BENCH_MID_RATE ?? 50);

/**
 * The gateway under load, end to end, every part on this machine as `npm start`
 * runs it (`causeway start`: stores plus each service in its own process):
 * bids (SubmitBid, or PlaceBid: BID_COMMAND) over HTTP and over socket.io, at a fixed rate and closed loop, with
 * latency up to the PROJECTION_UPDATED each client's socket receives, the raw
 * append as the baseline, and where the time goes (store timestamps, CPU).
 * Knobs (environment): GATEWAY_BENCH_CLIENTS (50), GATEWAY_BENCH_RATE (200),
 * GATEWAY_BENCH_MID_RATE (50), GATEWAY_BENCH_FIXED_SECONDS (12), GATEWAY_BENCH_SATURATION_SECONDS (10),
 * GATEWAY_BENCH_COMMAND (SubmitBid).
 * Why `causeway start` rather than an in-process suite: it is what users run,
 * each service pays its own event loop and store connections, and the load
 * generator does not share an event loop with the gateway it measures.
 */
export const gatewayBench: Benchmark = {
  name: 'gateway',
  description: `${BID_COMMAND} end to end through the gateway (causeway start, ${CLIENTS} clients, each also on socket.io)`,
  async run(progress) {
    progress('starting causeway start (stores and every service, free ports, private data folder)');
    const suite = await startSuite(progress);
    const http = new GatewayHttp(suite.gatewayUrl, CLIENTS * 2);
    const store = MessageStore.connect(suite.eventstoreUrl);
    const tracker = new Tracker();
    const mongo = await new MongoClient(suite.mongoUrl).connect();
    const lag = new LagSampler(store, mongo.db(process.env.MONGO_DB ?? 'causeway'));
    const delivery = new SubscriptionLag(store);
    const rows: BenchRow[] = [];
    let sockets: { disconnect(): unknown }[] = [];
    try {
      progress(`gateway at ${suite.gatewayUrl}; registering ${CLIENTS} bidders and a seller`);
      const { clients, seller } = await setUpClients(suite.gatewayUrl, http, tracker, CLIENTS, progress);
      sockets = [seller, ...clients.map((c) => c.socket)];

      progress('warm-up: 2 s at 100/s over both edges');
      await fixedRate('http', http, tracker, clients, 'warmup-http', 100, 2_000);
      await fixedRate('socket', http, tracker, clients, 'warmup-socket', 100, 2_000);
      await drain(tracker, 'warmup-http', DRAIN_MS, progress);
      await drain(tracker, 'warmup-socket', DRAIN_MS, progress);

      progress(`baseline: raw MessageStore append at ${RATE}/s, then ${CLIENTS} in flight`);
      const base = await appendBaseline(store, RATE, CLIENTS, 3_000);
      rows.push({ metric: `baseline: MessageStore.append of one command, latency at ${RATE}/s (p50 / p95 / p99)`, value: spread(base.latencies) });
      rows.push({ metric: `baseline: MessageStore.append, ${CLIENTS} in flight`, value: `${Math.round(base.perSecond).toLocaleString('en-US')}/s` });

      const from = await store.headPosition();
      lag.start();
      delivery.start();
      const samples: PhaseSample[] = [];
      const phases: readonly { label: string; run: () => Promise<PhaseRun>; fixed: boolean; ms: number }[] = [
        // A light load first: the latency floor of each step when nothing queues.
        {
          label: `HTTP, ${FLOOR_RATE}/s (floor)`,
          fixed: true,
          run: () => fixedRate('http', http, tracker, clients, 'http-floor', FLOOR_RATE, 5_000),
          ms: 5_000,
        },
        // Below the suite's end-to-end capacity on two cores, where latency is not queueing.
        { label: `HTTP, ${MID_RATE}/s`, fixed: true, run: () => fixedRate('http', http, tracker, clients, 'http-mid', MID_RATE, 8_000), ms: 8_000 },
        { label: `HTTP, ${RATE}/s`, fixed: true, run: () => fixedRate('http', http, tracker, clients, 'http-fixed', RATE, FIXED_MS), ms: FIXED_MS },
        { label: `socket.io, ${RATE}/s`, fixed: true, run: () => fixedRate('socket', http, tracker, clients, 'socket-fixed', RATE, FIXED_MS), ms: FIXED_MS },
        {
          label: `HTTP, closed loop ${CLIENTS} in flight`,
          fixed: false,
          run: () => closedLoop('http', http, tracker, clients, 'http-saturation', SATURATION_MS),
          ms: SATURATION_MS,
        },
        {
          label: `socket.io, closed loop ${CLIENTS} in flight`,
          fixed: false,
          run: () => closedLoop('socket', http, tracker, clients, 'socket-saturation', SATURATION_MS),
          ms: SATURATION_MS,
        },
      ];
      for (const phase of phases) {
        progress(`${phase.label} for ${phase.ms / 1000} s`);
        const cpuBefore = cpuByProcess(suite.child.pid ?? -1);
        const cpuStart = performance.now();
        const machineBefore = machineTicks();
        const run = await phase.run();
        const cpuAfter = cpuByProcess(suite.child.pid ?? -1);
        const cpuSeconds = (performance.now() - cpuStart) / 1000;
        const machineAfter = machineTicks();
        const machineBusy = (machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total);
        const load = os.loadavg();
        progress(
          `  sent ${run.sent}, ${run.errors} errors${run.firstError ? ` (first: ${run.firstError})` : ''}; load ${load.map((l) => l.toFixed(2)).join(' ')}; draining`,
        );
        const drainStart = performance.now();
        const missing = await drain(tracker, run.phase, DRAIN_MS, progress);
        const cpuDrained = cpuByProcess(suite.child.pid ?? -1);
        const aggregatorLag = lag.lagBetween(run.startedAt, nowMs());
        const subscriptionLag = delivery.between(run.startedAt, nowMs());
        samples.push({
          label: phase.label,
          fixed: phase.fixed,
          run,
          cpuBefore,
          cpuAfter,
          cpuDrained,
          cpuSeconds,
          machineBusy,
          aggregatorLag,
          subscriptionLag,
          load,
          drainMs: performance.now() - drainStart,
          missing,
        });
      }

      lag.stop();
      progress('reading the log written during the run for the step breakdown');
      const chains = await readChains(store, from, 5_000_000);
      for (const sample of samples) rows.push(...phaseRows(sample, tracker.ofPhase(sample.run.phase), chains, RATE));
    } finally {
      for (const s of sockets) s.disconnect();
      http.close();
      lag.stop();
      await delivery.stop();
      await store.close();
      await mongo.close();
      progress('stopping the suite');
      await suite.stop();
    }
    return rows;
  },
};
