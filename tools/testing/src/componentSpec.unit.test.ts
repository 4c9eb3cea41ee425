import { randomUUID } from 'node:crypto';
import { defineComponent } from '@causeway/runtime';
import { walletFixture } from '@causeway/runtime/testing';
import { describe, expect, it } from 'vitest';
import { componentSpec, pure } from './componentSpec.ts';
import { SpecFailure } from './SpecFailure.ts';
import { walletSpecs } from './walletSpecs.ts';

describe('componentSpec, pure', () => {
  for (const [name, run] of Object.entries(walletSpecs(pure))) it(name, run);

  const walletId = randomUUID();
  const spec = componentSpec(walletFixture);

  it('fails with a readable diff when the events differ', async () => {
    const failure = await spec
      .given([])
      .when({ type: 'DepositFunds', data: { walletId, amount: 50, currency: 'EUR' } })
      .then([{ type: 'FundsDeposited', data: { balance: 60 } }])
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SpecFailure);
    const message = (failure as SpecFailure).message;
    expect(message).toContain('DepositFunds did not emit the expected events');
    expect(message).toContain('- Expected');
    expect(message).toContain('+ Actual');
    expect(message).toMatch(/-\s+"balance": 60/);
    expect(message).toMatch(/\+\s+"balance": 50/);
  });

  it('fails thenRejected when the command was accepted, and thenNotEmitted when the type appears', async () => {
    const when = spec.given([]).when({ type: 'DepositFunds', data: { walletId, amount: 5, currency: 'EUR' } });
    await expect(when.thenRejected('FundsReservationRejected')).rejects.toThrow('should have been rejected with FundsReservationRejected');
    await expect(when.thenNotEmitted('FundsDeposited')).rejects.toThrow('emitted what it must not');
    await expect(when.thenNothing()).rejects.toThrow('should have emitted nothing');
    await expect(when.thenThrows()).rejects.toThrow('should have thrown');
  });

  it('thenNothing passes when decide returns no event', async () => {
    const quiet = defineComponent({
      name: 'quiet',
      category: 'wallet',
      commands: ['DepositFunds'],
      routes: { DepositFunds: { id: (d) => d.walletId, sentBy: 'user', actsFor: (d) => [d.walletId] } },
      events: ['FundsDeposited'],
      initialState: () => ({}),
      evolve: (s) => s,
      decide: () => [],
    });
    await componentSpec(quiet)
      .given([])
      .when({ type: 'DepositFunds', data: { walletId, amount: 5, currency: 'EUR' } })
      .thenNothing();
  });

  it('refuses an emitted event that breaks its contract', async () => {
    const sloppy = defineComponent({
      name: 'sloppy',
      category: 'wallet',
      commands: ['DepositFunds'],
      routes: { DepositFunds: { id: (d) => d.walletId, sentBy: 'user', actsFor: (d) => [d.walletId] } },
      events: ['FundsDeposited'],
      initialState: () => ({}),
      evolve: (s) => s,
      decide: (c) => [{ type: 'FundsDeposited', data: { walletId: c.data.walletId, amount: c.data.amount, currency: c.data.currency, balance: -1 } }],
    });
    await componentSpec(sloppy)
      .given([])
      .when({ type: 'DepositFunds', data: { walletId, amount: 5, currency: 'EUR' } })
      .thenThrows('data/balance must be an integer >= 0, got -1');
  });
});
