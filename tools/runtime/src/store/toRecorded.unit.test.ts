import type { ResolvedEvent } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { toRecorded } from './toRecorded.ts';

const record = (data: unknown, schema: unknown = 'wallets/FundsDeposited@1') =>
  ({
    event: {
      id: '5f0b3b4e-2c1a-4c9e-9d57-6a1c0e6f1a01',
      type: 'FundsDeposited',
      streamId: 'wallet-1',
      revision: 3n,
      isJson: true,
      data,
      metadata: { correlationId: 'c', causationId: 'c', schema },
      created: new Date(0),
      position: { commit: 10n, prepare: 9n },
    },
  }) as unknown as ResolvedEvent;

const valid = { walletId: '0b8f7f52-8a5e-4a57-9f3e-1f7c2d6b9e10', amount: 1, currency: 'EUR', balance: 1 };

describe('toRecorded', () => {
  it('validates every record, the first of a type and the next ones alike (the contract is looked up once)', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(toRecorded(record(valid))).toMatchObject({ type: 'FundsDeposited', data: valid, position: { commit: 10n, prepare: 9n } });
      expect(() => toRecorded(record({ ...valid, amount: -1 }))).toThrow(/breaks its contract: data\/amount/);
    }
  });

  it('treats a record without schema metadata as version 1, and refuses a version that does not exist', () => {
    expect(toRecorded(record(valid, undefined))?.data).toEqual(valid);
    expect(() => toRecorded(record(valid, 'wallets/FundsDeposited@7'))).toThrow(/no version 7/);
  });
});
