import { randomUUID } from 'node:crypto';
import { loadSuite } from '@causeway/suite';
import { aggregatorSpec } from '@causeway/testing';
import { describe, it } from 'vitest';
import { commandStatusAggregator } from './commandStatusAggregator.ts';

// Built as the service builds it: from the categories and rejections of the suite in this workspace.
const aggregator = commandStatusAggregator.build(await loadSuite());

const uuid = () => randomUUID();

describe('command-status aggregator', () => {
  it('a command is ENQUEUED, then SUCCEEDED, REJECTED or FAILED by the event it caused', () => {
    const [wallet, user, deposit, reserve, create, doc] = [uuid(), uuid(), uuid(), uuid(), uuid(), uuid()];
    const [deposited, refused, failed] = [uuid(), uuid(), uuid()];
    const by = (commandId: string) => ({ causationId: commandId, correlationId: commandId, userId: user });
    return aggregatorSpec(aggregator)
      .given([
        {
          stream: `wallet:command-${wallet}`,
          id: deposit,
          type: 'DepositFunds',
          data: { walletId: wallet, amount: 500, currency: 'EUR' },
          metadata: { userId: user },
        },
        {
          stream: `wallet-${wallet}`,
          id: deposited,
          type: 'FundsDeposited',
          data: { walletId: wallet, amount: 500, currency: 'EUR', balance: 500 },
          metadata: by(deposit),
        },
        {
          stream: `wallet:command-${wallet}`,
          id: reserve,
          type: 'ReserveFunds',
          data: { walletId: wallet, reservationId: uuid(), amount: 900, currency: 'EUR' },
        },
        {
          stream: `wallet-${wallet}`,
          id: refused,
          type: 'FundsReservationRejected',
          data: { walletId: wallet, reservationId: uuid(), operation: 'reserve', reason: 'INSUFFICIENT_FUNDS', amount: 900, currency: 'EUR', available: 500 },
          metadata: { causationId: reserve, correlationId: reserve },
        },
        {
          stream: `document:command-${doc}`,
          id: create,
          type: 'CreateDocument',
          data: { collection: 'lots', documentId: doc, content: {} },
          metadata: { userId: user },
        },
        {
          stream: `document-${doc}`,
          id: failed,
          type: 'CommandFailed',
          data: {
            commandId: create,
            commandType: 'CreateDocument',
            commandStream: `document:command-${doc}`,
            attempts: 3,
            error: { message: 'boom' },
            failedAt: '2026-11-22T10:00:00Z',
          },
          metadata: by(create),
        },
      ])
      .then({
        command_status: [
          {
            _id: deposit,
            type: 'DepositFunds',
            stream: `wallet:command-${wallet}`,
            status: 'SUCCEEDED',
            userId: user,
            events: [{ type: 'FundsDeposited', id: deposited, stream: `wallet-${wallet}` }],
          },
          { _id: reserve, type: 'ReserveFunds', status: 'REJECTED', events: [{ type: 'FundsReservationRejected', id: refused }] },
          { _id: create, type: 'CreateDocument', status: 'FAILED', userId: user, events: [{ type: 'CommandFailed', id: failed }] },
        ].sort((a, b) => a._id.localeCompare(b._id)),
      });
  });

  it('a SubmitBid follows its saga: statuses from saga events, saga replies listed; correlated events without replyTo stay off', () => {
    const [bid, wallet, auction, user, submit, reserve, reservation] = [uuid(), uuid(), uuid(), uuid(), uuid(), uuid(), uuid()];
    const [initiated, started, reserved, succeeded, released] = [uuid(), uuid(), uuid(), uuid(), uuid()];
    const saga = `bidding-${bid}`;
    const chain = { correlationId: submit, userId: user };
    return aggregatorSpec(aggregator)
      .given([
        {
          stream: `bidding:command-${bid}`,
          id: submit,
          type: 'SubmitBid',
          data: { auctionId: auction, bidId: bid, bidderId: user, walletId: wallet, amount: 1200, currency: 'EUR' },
          metadata: { userId: user },
        },
        {
          stream: saga,
          id: initiated,
          type: 'SagaInitiated',
          data: { sagaId: bid, saga: 'bidding', trigger: { type: 'SubmitBid', id: submit }, input: {} },
          metadata: { ...chain, causationId: submit },
        },
        {
          stream: saga,
          id: started,
          type: 'SagaStepStarted',
          data: {
            sagaId: bid,
            saga: 'bidding',
            step: 'reserveFunds',
            direction: 'up',
            commandId: reserve,
            commandType: 'ReserveFunds',
            stream: `wallet:command-${wallet}`,
          },
          metadata: { ...chain, causationId: submit },
        },
        {
          stream: `wallet:command-${wallet}`,
          id: reserve,
          type: 'ReserveFunds',
          data: { walletId: wallet, reservationId: reservation, amount: 1200, currency: 'EUR' },
          metadata: { ...chain, causationId: started, replyTo: saga },
        },
        {
          stream: `wallet-${wallet}`,
          id: reserved,
          type: 'FundsReserved',
          data: { walletId: wallet, reservationId: reservation, amount: 1200, currency: 'EUR', available: 0 },
          metadata: { ...chain, causationId: reserve, replyTo: saga },
        },
        { stream: saga, id: succeeded, type: 'SagaSucceeded', data: { sagaId: bid, saga: 'bidding' }, metadata: { ...chain, causationId: reserved } },
        // A policy's later effect on the same chain (no replyTo): not this command's business.
        {
          stream: `wallet-${wallet}`,
          id: released,
          type: 'FundsReleased',
          data: { walletId: wallet, reservationId: reservation, amount: 1200, currency: 'EUR', available: 1200 },
          metadata: { ...chain, causationId: uuid() },
        },
      ])
      .then({
        command_status: [
          {
            _id: submit,
            type: 'SubmitBid',
            status: 'SAGA_SUCCEEDED',
            userId: user,
            events: [
              { type: 'SagaInitiated', id: initiated, stream: saga },
              { type: 'SagaStepStarted', id: started },
              { type: 'FundsReserved', id: reserved },
              { type: 'SagaSucceeded', id: succeeded },
            ],
          },
          { _id: reserve, type: 'ReserveFunds', status: 'SUCCEEDED', events: [{ type: 'FundsReserved', id: reserved }] },
        ].sort((a, b) => a._id.localeCompare(b._id)),
      });
  });
});
