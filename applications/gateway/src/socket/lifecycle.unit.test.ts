import { describe, expect, it } from 'vitest';
import { lifecycleEventName, upperSnake } from './lifecycle.ts';

describe('lifecycle event names', () => {
  it('puts the command type in upper snake case', () => {
    expect(lifecycleEventName('DepositFunds', 'ENQUEUED')).toBe('COMMAND/DEPOSIT_FUNDS/ENQUEUED');
    expect(upperSnake('SubmitBid')).toBe('SUBMIT_BID');
    expect(upperSnake('OpenAuction')).toBe('OPEN_AUCTION');
  });

  it('never carries client-chosen punctuation', () => {
    for (const type of ['a/b', 'Deposit Funds', '', 42, undefined, '__proto__', 'x'.repeat(101)]) expect(upperSnake(type)).toBe('UNKNOWN');
  });
});
