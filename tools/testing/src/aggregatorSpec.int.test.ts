import { randomUUID } from 'node:crypto';
import { walletViewFixture } from '@causeway/runtime/testing';
import { describe, expect, it } from 'vitest';
import { aggregatorSpec } from './aggregatorSpec.ts';

describe('aggregatorSpec', () => {
  const a = randomUUID();
  const b = randomUUID();
  const deposited = (walletId: string, amount: number, balance: number) => ({
    stream: `wallet-${walletId}`,
    type: 'FundsDeposited' as const,
    data: { walletId, amount, currency: 'EUR', balance },
  });

  it('projects events of several streams into documents, idempotently', () =>
    aggregatorSpec(walletViewFixture('wallet'))
      .given([deposited(a, 10, 10), deposited(b, 5, 5), deposited(a, 1, 11)])
      .then({
        wallet_wallets: [
          { _id: a, balance: 11, deposits: 2 },
          { _id: b, balance: 5, deposits: 1 },
        ],
      }));

  it('fails when the documents differ', async () => {
    await expect(
      aggregatorSpec(walletViewFixture('wallet'))
        .given([deposited(a, 10, 10)])
        .then({ wallet_wallets: [{ _id: a, balance: 99 }] }),
    ).rejects.toThrow(/wallet_wallets holds other documents/);
  });

  it('catches an aggregator that is not idempotent', async () => {
    const sloppy = walletViewFixture('wallet');
    const def = { ...sloppy, handlers: { FundsDeposited: () => ({ collection: 'wallet_wallets', id: randomUUID(), update: { $inc: { n: 1 } } }) } };
    await expect(
      aggregatorSpec(def)
        .given([deposited(a, 10, 10)])
        .then({}),
    ).rejects.toThrow(/is not idempotent/);
  });
});
