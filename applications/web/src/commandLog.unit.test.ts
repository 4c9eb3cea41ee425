import { describe, expect, it } from 'vitest';
import { CommandLog } from '../client/commandLog.ts';
import type { Lifecycle } from '../client/live.ts';

const commandId = '786f02f8-fa35-4eb7-ad56-5e8757c8f1bf';
const [me, other] = ['4f6c0b85-5384-4def-802d-3b1e2a29fab8', '5fe14c49-e783-44f4-b2a4-3a60fefb1da7'];
const at = '2026-01-01T00:00:00.000Z';
const ref = (type: string, n: number) => ({
  type,
  id: `id-${type}-${n}`,
  stream: 'bidding-1',
  position: `${String(n).padStart(20, '0')}/${String(n).padStart(20, '0')}`,
});
const push = (status: string, events: Lifecycle['events'], aggregator?: string): [string, Lifecycle] => [
  `COMMAND/SUBMIT_BID/${status}`,
  { commandId, status, at, events, ...(aggregator ? { aggregator } : {}) },
];

describe('the log of a command', () => {
  it('shows a SubmitBid as its steps in words, in log order, one line per event however many pushes name it', () => {
    const log = new CommandLog(me);
    // The order a gateway sent them in (seen in a run): the bid's projections after the saga's end.
    const pushes = [
      push('ENQUEUED', []),
      push('SAGA_INITIATED', [ref('SagaInitiated', 24)]),
      push('SUCCEEDED', [ref('SagaStepStarted', 25)]),
      push('PROJECTION_UPDATED', [ref('FundsReserved', 27)], 'user-dashboard'),
      push('PROJECTION_UPDATED', [ref('SagaStepSucceeded', 28)], 'command-status'),
      push('SAGA_SUCCEEDED', [ref('SagaSucceeded', 33)]),
      push('PROJECTION_UPDATED', [ref('BidPlaced', 31)], 'auction-board'),
      push('PROJECTION_UPDATED', [ref('BidPlaced', 31)], 'user-dashboard'),
      push('PROJECTION_UPDATED', [ref('FundsReserved', 27)], 'command-status'),
    ];
    for (const [name, event] of pushes) log.add(name, event);
    const [entry] = log.commands();
    expect(entry?.name).toBe('Submit bid');
    expect(entry?.steps.map((s) => s.label)).toEqual(['Submit bid sent', 'Funds reserved', 'Bid placed', 'Done']);
    expect(entry?.steps.map((s) => [...s.views].sort())).toEqual([[], ['command-status', 'user-dashboard'], ['auction-board', 'user-dashboard'], []]);
  });

  it('marks a refusal as failed and words an edge refusal with its problem', () => {
    const log = new CommandLog(me);
    log.add(...push('ENQUEUED', []));
    log.add(...push('PROJECTION_UPDATED', [ref('BidRejected', 40)], 'user-dashboard'));
    log.add(...push('SAGA_FAILED', [ref('SagaFailed', 41)]));
    log.add('COMMAND/DEPOSIT_FUNDS/FAILED_VALIDATION', {
      commandId: 'c2',
      status: 'FAILED_VALIDATION',
      at,
      error: { code: 'VALIDATION_FAILED', detail: 'amount must be >= 1' },
    });
    const [bid, deposit] = log.commands();
    expect(bid?.steps.map((s) => [s.label, s.failed])).toEqual([
      ['Submit bid sent', false],
      ['Bid rejected', true],
      ['Not completed', true],
    ]);
    expect(deposit?.steps.map((s) => s.label)).toEqual(['Refused: amount must be >= 1']);
  });
  it('leaves out another user’s money: the outbid bidder’s release that the settlement policy sent on this bid’s chain', () => {
    const log = new CommandLog(me);
    log.add(...push('ENQUEUED', []));
    log.add(...push('PROJECTION_UPDATED', [{ ...ref('FundsReserved', 27), stream: `wallet-${me}` }], 'user-dashboard'));
    log.add(...push('PROJECTION_UPDATED', [{ ...ref('BidPlaced', 31), stream: 'auction-1' }], 'user-dashboard'));
    log.add(...push('PROJECTION_UPDATED', [{ ...ref('FundsReleased', 35), stream: `wallet-${other}` }], 'user-dashboard'));
    expect(log.commands()[0]?.steps.map((s) => s.label)).toEqual(['Submit bid sent', 'Funds reserved', 'Bid placed']);
  });
});
