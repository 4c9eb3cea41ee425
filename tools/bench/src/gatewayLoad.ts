import { randomUUID } from 'node:crypto';
import type { BenchClient } from './gatewayClients.ts';
import { STARTING_PRICE } from './gatewayClients.ts';
import type { GatewayHttp } from './gatewayHttp.ts';
import { nowMs, type Track, type Tracker } from './gatewayTracker.ts';

export type Edge = 'http' | 'socket';

export interface PhaseRun {
  readonly phase: string;
  readonly edge: Edge;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly sent: number;
  readonly errors: number;
  readonly firstError?: string;
}

const ACK_TIMEOUT_MS = 30_000;

/**
 * GATEWAY_BENCH_COMMAND: how the clients bid. `SubmitBid` (the default, and the only way a
 * user bids) is what the web page sends: the bidding saga reserves the funds, then places the
 * bid (13 messages, 10 appends in sequence). `PlaceBid` (2 messages, the edge and the read side
 * without the saga) is a system command now: a user's PlaceBid was a bid no funds backed, so the
 * gateway answers it 403 and this mode is refused with that reason.
 */
export const BID_COMMAND = bidCommandFromEnv(process.env.GATEWAY_BENCH_COMMAND);

function bidCommandFromEnv(value: string | undefined): 'SubmitBid' | 'PlaceBid' {
  if (value === undefined || value === '' || value === 'SubmitBid') return 'SubmitBid';
  if (value === 'PlaceBid') {
    throw new Error('GATEWAY_BENCH_COMMAND=PlaceBid: PlaceBid is sent by the bidding saga only (users get 403, a bid no funds back); bench SubmitBid');
  }
  throw new Error(`GATEWAY_BENCH_COMMAND must be SubmitBid or PlaceBid, got ${JSON.stringify(value)}`);
}

/** One bid (BID_COMMAND) through the chosen edge; resolves when it is acknowledged (202 or ack). */
export async function sendBid(edge: Edge, http: GatewayHttp, tracker: Tracker, client: BenchClient, phase: string, t0: number): Promise<Track> {
  const id = randomUUID();
  client.bids += 1;
  const bid = { auctionId: client.auctionId, bidId: randomUUID(), bidderId: client.userId, amount: STARTING_PRICE + client.bids, currency: 'EUR' };
  const data = BID_COMMAND === 'SubmitBid' ? { ...bid, walletId: client.userId } : bid;
  const track = tracker.start(id, phase, t0);
  if (edge === 'http') {
    const answer = await http.post(`/commands/${BID_COMMAND}`, data, { authorization: `Bearer ${client.token}`, 'idempotency-key': id });
    track.ackOk = answer.status === 202;
    if (!track.ackOk) throw new Error(`${BID_COMMAND} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`);
  } else {
    const ack = (await client.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('command', { type: BID_COMMAND, data, id })) as { ok: boolean; error?: unknown };
    track.ackOk = ack.ok;
    if (!ack.ok) throw new Error(`${BID_COMMAND} ack: ${JSON.stringify(ack.error).slice(0, 200)}`);
  }
  track.ackAt = nowMs();
  track.first.set('ACK', track.ackAt);
  return track;
}

/**
 * Open loop at `rate` commands/s for `durationMs`, round robin over the
 * clients: each command's clock starts at its slot, not when the generator got
 * round to it, so a slow generator shows up as latency instead of hiding it.
 */
export async function fixedRate(
  edge: Edge,
  http: GatewayHttp,
  tracker: Tracker,
  clients: readonly BenchClient[],
  phase: string,
  rate: number,
  durationMs: number,
): Promise<PhaseRun> {
  const startedAt = nowMs();
  const total = Math.floor((rate * durationMs) / 1000);
  const inFlight: Promise<unknown>[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const onError = (error: unknown) => {
    errors += 1;
    firstError ??= String(error);
  };
  for (let i = 0; i < total; i += 1) {
    const slot = startedAt + (i * 1000) / rate;
    const wait = slot - nowMs();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(sendBid(edge, http, tracker, clients[i % clients.length] as BenchClient, phase, slot).catch(onError));
  }
  await Promise.all(inFlight);
  return { phase, edge, startedAt, endedAt: startedAt + durationMs, sent: total, errors, ...(firstError ? { firstError } : {}) };
}

/** Closed loop: every client sends its next bid as soon as the previous one is acknowledged, for `durationMs`. */
export async function closedLoop(
  edge: Edge,
  http: GatewayHttp,
  tracker: Tracker,
  clients: readonly BenchClient[],
  phase: string,
  durationMs: number,
): Promise<PhaseRun> {
  const startedAt = nowMs();
  const endAt = startedAt + durationMs;
  let sent = 0;
  let errors = 0;
  let firstError: string | undefined;
  await Promise.all(
    clients.map(async (client) => {
      while (nowMs() < endAt) {
        sent += 1;
        try {
          await sendBid(edge, http, tracker, client, phase, nowMs());
        } catch (error) {
          errors += 1;
          firstError ??= String(error);
          // A failing edge must not turn the loop into a busy spin.
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    }),
  );
  return { phase, edge, startedAt, endedAt: nowMs(), sent, errors, ...(firstError ? { firstError } : {}) };
}

/** Waits (bounded) until every accepted command of the phase has its outcome on the board; returns how many never did. */
export async function drain(tracker: Tracker, phase: string, timeoutMs: number, progress: (line: string) => void): Promise<number> {
  const deadline = nowMs() + timeoutMs;
  let missing = Infinity;
  while (nowMs() < deadline) {
    missing = tracker.ofPhase(phase).filter((t) => t.ackOk && !t.first.has('OUTCOME_ON_BOARD')).length;
    if (missing === 0) return 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  progress(`  ${missing} commands of ${phase} without their outcome on the board after ${timeoutMs} ms`);
  return missing;
}
