import type { BenchRow } from './Benchmark.ts';
import { breakdown, MESSAGES, type Chain } from './gatewayBreakdown.ts';
import { cpuBetween } from './gatewayCpu.ts';
import { BID_COMMAND, type PhaseRun } from './gatewayLoad.ts';
import { formatMs, spread } from './gatewayStats.ts';
import type { Track } from './gatewayTracker.ts';

/** What the benchmark kept of one load phase. */
export interface PhaseSample {
  readonly label: string;
  readonly fixed: boolean;
  readonly run: PhaseRun;
  readonly cpuBefore: ReadonlyMap<string, number>;
  readonly cpuAfter: ReadonlyMap<string, number>;
  /** After the drain: the whole cost of the phase's commands, backlog included. */
  readonly cpuDrained: ReadonlyMap<string, number>;
  /** Wall time between the two CPU samples. */
  readonly cpuSeconds: number;
  /** Whole-machine busy share (all cores, every process, ours or not) over the same time. */
  readonly machineBusy: number;
  readonly aggregatorLag: ReadonlyMap<string, { median: number; p99: number }>;
  readonly subscriptionLag: { median: number; p99: number; perSecond: number };
  readonly load: readonly number[];
  readonly drainMs: number;
  readonly missing: number;
}

const BID_AGGREGATORS: ReadonlySet<string> = new Set(['auction-board', 'auction-detail', 'command-status', 'user-dashboard']);

const rate = (n: number, ms: number) => `${Math.round((n * 1000) / ms).toLocaleString('en-US')}/s`;

// CPU the suite (every process but the benchmark's own) spent per accepted command, and the rate two cores could sustain at that cost.
function cpuPerCommand(sample: PhaseSample, commands: number): string {
  let seconds = 0;
  for (const [name, s] of sample.cpuDrained) if (!name.startsWith('benchmark')) seconds += s - (sample.cpuBefore.get(name) ?? 0);
  if (commands === 0) return 'no commands';
  const perCommandMs = (seconds * 1000) / commands;
  return `${perCommandMs.toFixed(1)} ms (two cores: at most ${Math.round(2000 / perCommandMs).toLocaleString('en-US')}/s)`;
}

function messagesPerChain(tracks: readonly Track[], chains: ReadonlyMap<string, Chain>): string {
  const counts = tracks.flatMap((t) => {
    const n = chains.get(t.commandId)?.get(MESSAGES);
    return n === undefined ? [] : [n];
  });
  return counts.length === 0 ? '–' : (counts.reduce((a, b) => a + b, 0) / counts.length).toFixed(1);
}

/** The table rows of one phase: throughput, latencies from t0, outcomes, the step breakdown, CPU and load. */
export function phaseRows(sample: PhaseSample, tracks: readonly Track[], chains: ReadonlyMap<string, Chain>, fixedRate: number): BenchRow[] {
  const { run, label } = sample;
  const windowMs = run.endedAt - run.startedAt;
  const accepted = tracks.filter((t) => t.ackOk && t.ackAt !== undefined);
  // Rates over the time the work really took: the last ack (accepted) and the last outcome (end to end) can be well past the window.
  const lastAck = Math.max(run.endedAt, ...accepted.map((t) => t.ackAt as number));
  const outcomes = accepted.flatMap((t) => (t.first.has('OUTCOME_ON_BOARD') ? [t.first.get('OUTCOME_ON_BOARD') as number] : []));
  const lastOutcome = Math.max(run.endedAt, ...outcomes);
  const lat = (key: string) => accepted.flatMap((t) => (t.first.has(key) ? [(t.first.get(key) as number) - t.t0] : []));
  const placed = accepted.filter((t) => chains.get(t.commandId)?.has('BidPlaced')).length;
  const rejected = accepted.filter((t) => chains.get(t.commandId)?.has('BidRejected')).length;
  const rows: BenchRow[] = [
    {
      metric: `${label}: commands accepted (202 / ack ok)`,
      value: `${rate(accepted.length, lastAck - run.startedAt)} (${accepted.length} of ${run.sent} in ${((lastAck - run.startedAt) / 1000).toFixed(1)} s, ${run.errors} errors)`,
      ...(sample.fixed ? { target: `${Math.round((run.sent * 1000) / windowMs)}/s offered` } : {}),
    },
    {
      metric: `${label}: end to end (outcome PROJECTION_UPDATED on auction-board), start to last outcome`,
      value: `${rate(outcomes.length, lastOutcome - run.startedAt)} (${outcomes.length} in ${((lastOutcome - run.startedAt) / 1000).toFixed(1)} s${sample.missing ? `, ${sample.missing} not within ${Math.round(windowMs / 1000)} s + the drain` : ''})`,
      ...(sample.fixed ? {} : { target: '≥ 1,000/s' }),
    },
    { metric: `${label}: t0 → ack (p50 / p95 / p99)`, value: spread(lat('ACK')) },
    {
      metric: `${label}: t0 → first PROJECTION_UPDATED`,
      value: spread(lat('PROJECTION_UPDATED')),
      ...(sample.fixed && sample.run.sent / ((sample.run.endedAt - sample.run.startedAt) / 1000) >= fixedRate ? { target: 'p99 < 50 ms' } : {}),
    },
    { metric: `${label}: t0 → SAGA_SUCCEEDED`, value: spread(lat('SAGA_SUCCEEDED')) },
    { metric: `${label}: t0 → BidPlaced/BidRejected PROJECTION_UPDATED (auction-board)`, value: spread(lat('OUTCOME_ON_BOARD')) },
    { metric: `${label}: bids placed / rejected`, value: `${placed} / ${rejected}` },
    { metric: `${label}: messages in the log per ${BID_COMMAND} chain (mean)`, value: messagesPerChain(accepted, chains) },
  ];
  for (const [step, value] of breakdown(accepted, chains)) rows.push({ metric: `${label}: step (median / p99) ${step}`, value });
  rows.push({ metric: `${label}: CPU while sending (% of one core; 2 cores = 200%)`, value: cpuBetween(sample.cpuBefore, sample.cpuAfter, sample.cpuSeconds) });
  rows.push({
    metric: `${label}: suite CPU per command, send to drained (all services and stores, not the bench)`,
    value: cpuPerCommand(sample, accepted.length),
  });
  rows.push({ metric: `${label}: whole machine busy while sending (all processes, both cores)`, value: `${Math.round(sample.machineBusy * 100)}%` });
  // Only the aggregators a bid feeds: an idle one's checkpoint may stay behind unrelated traffic, which is no lag.
  const lag = [...sample.aggregatorLag]
    .filter(([name]) => BID_AGGREGATORS.has(name))
    .map(([name, l]) => `${name} ${formatMs(l.median)} / ${formatMs(l.p99)}`)
    .join(', ');
  rows.push({ metric: `${label}: aggregator checkpoint lag behind the log head, median / p99 ms (sampled every 100 ms)`, value: lag || 'no samples' });
  const sub = sample.subscriptionLag;
  rows.push({
    metric: `${label}: bare $all subscription in the bench process (bid categories): delivery lag median / p99`,
    value: `${formatMs(sub.median)} / ${formatMs(sub.p99)} ms (${Math.round(sub.perSecond)} messages/s)`,
  });
  rows.push({ metric: `${label}: load average at the end (1 / 5 / 15 min)`, value: sample.load.map((l) => l.toFixed(2)).join(' / ') });
  return rows;
}
