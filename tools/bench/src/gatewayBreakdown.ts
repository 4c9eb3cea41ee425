import { FORWARDS, type Position } from '@eventstore/db-client';
import type { MessageStore } from '@causeway/runtime';
import { formatMs, median, p99 } from './gatewayStats.ts';
import type { Track } from './gatewayTracker.ts';

/** The key under which a chain counts its messages (not a message type: those are PascalCase). */
export const MESSAGES = '#messages';

/** Store `created` times (ms) of a SubmitBid chain's messages, by type; first of each type wins. */
export type Chain = Map<string, number>;

/**
 * Reads the log written during the run and groups every message by its
 * correlationId (a SubmitBid's id for its whole saga chain), so each step's
 * time can be told apart: the store stamps `created` when it appends, on the
 * same clock as the client (same machine).
 */
export async function readChains(store: MessageStore, from: Position, limit: number): Promise<Map<string, Chain>> {
  const chains = new Map<string, Chain>();
  for await (const resolved of store.client.readAll({ direction: FORWARDS, fromPosition: from, maxCount: limit })) {
    const event = resolved.event;
    if (!event || event.type.startsWith('$')) continue;
    const correlationId = (event.metadata as { correlationId?: unknown } | undefined)?.correlationId;
    if (typeof correlationId !== 'string') continue;
    let chain = chains.get(correlationId);
    if (!chain) chains.set(correlationId, (chain = new Map()));
    if (!chain.has(event.type)) chain.set(event.type, event.created.getTime());
    // How many messages the chain wrote: every subscriber following these categories receives each of them.
    chain.set(MESSAGES, (chain.get(MESSAGES) ?? 0) + 1);
  }
  return chains;
}

// Consecutive points of a placed bid's life: client clock for the ends, store clock between.
const STEPS: readonly (readonly [string, string, string])[] = [
  ['t0', 'SubmitBid', 'edge: request/emit → command appended'],
  ['SubmitBid', 'ENQUEUED', '(side path) gateway $all follower sees the command → ENQUEUED at the client'],
  ['SubmitBid', 'SagaInitiated', 'saga picks the command up → SagaInitiated'],
  ['SagaInitiated', 'ReserveFunds', 'saga → ReserveFunds appended'],
  ['ReserveFunds', 'FundsReserved', 'wallets component → FundsReserved'],
  ['FundsReserved', 'PlaceBid', 'saga → PlaceBid appended'],
  ['PlaceBid', 'BidPlaced', 'auctions component → BidPlaced'],
  ['BidPlaced', 'boardAtGateway', 'auction-board applies it, gateway sees the checkpoint'],
  ['boardAtGateway', 'OUTCOME_ON_BOARD', 'gateway → client (PROJECTION_UPDATED delivered)'],
];

/** Median and p99 of each step for the phase's placed bids, as `[step, 'median / p99 ms']`. */
export function breakdown(tracks: readonly Track[], chains: ReadonlyMap<string, Chain>): (readonly [string, string])[] {
  const samples = STEPS.map(() => [] as number[]);
  for (const track of tracks) {
    const chain = chains.get(track.commandId);
    const board = track.first.get('OUTCOME_ON_BOARD');
    if (!chain?.has('BidPlaced') || board === undefined || track.boardAtGateway === undefined) continue;
    const at = (point: string): number | undefined =>
      point === 't0'
        ? track.t0
        : point === 'OUTCOME_ON_BOARD'
          ? board
          : point === 'boardAtGateway'
            ? track.boardAtGateway
            : point === 'ENQUEUED'
              ? track.first.get(point)
              : chain.get(point);
    STEPS.forEach(([from, to], i) => {
      const a = at(from);
      const b = at(to);
      if (a !== undefined && b !== undefined) samples[i]?.push(b - a);
    });
  }
  return STEPS.map(([, , label], i) => [label, `${formatMs(median(samples[i] ?? []))} / ${formatMs(p99(samples[i] ?? []))} ms`] as const);
}
