import { describe, expect, it } from 'vitest';
import { bidRefusal } from '../client/bidRefusal.ts';

const bid = { amount: 1300, currency: 'EUR', shownMinimum: 1300 };
const auction = (reason: string, minimumAcceptable?: number) => ({ refusedBy: 'auction' as const, reason, currency: 'EUR', minimumAcceptable });

describe('a refused bid in words', () => {
  it('says which rule of the auction refused it', () => {
    expect(bidRefusal(auction('INCREMENT_TOO_SMALL', 1600), bid)).toBe(
      'Your bid of €13.00 was not placed: someone else bid first. The next bid must be at least €16.00.',
    );
    expect(bidRefusal(auction('INCREMENT_TOO_SMALL', 1300), { ...bid, amount: 1250 })).toBe(
      'Your bid of €12.50 was not placed: it is below the minimum. Bid at least €13.00.',
    );
    expect(bidRefusal(auction('BELOW_STARTING_PRICE', 1000), { ...bid, amount: 900, shownMinimum: 1000 })).toBe(
      'Your bid of €9.00 was not placed: it is below the starting price. Bid at least €10.00.',
    );
    expect(bidRefusal(auction('AUCTION_CLOSED'), bid)).toBe('Your bid of €13.00 was not placed: the auction has closed.');
    expect(bidRefusal(auction('AUCTION_NOT_FOUND'), bid)).toBe('Your bid of €13.00 was not placed: there is no such auction.');
    expect(bidRefusal(auction('SELLER_CANNOT_BID'), bid)).toBe('Your bid of €13.00 was not placed: you cannot bid on your own auction.');
    expect(bidRefusal(auction('CURRENCY_MISMATCH'), bid)).toBe('Your bid of €13.00 was not placed: the auction takes bids in another currency.');
    expect(bidRefusal(auction('DUPLICATE_BID'), bid)).toBe('Your bid of €13.00 was not placed: this bid was already submitted once.');
  });

  it('says when the wallet could not reserve the funds, and how much was available', () => {
    const wallet = (reason: string, available?: number) => ({ refusedBy: 'wallet' as const, reason, currency: 'EUR', available });
    expect(bidRefusal(wallet('INSUFFICIENT_FUNDS', 2000), { ...bid, amount: 2500 })).toBe(
      'Your bid of €25.00 was not placed: you do not have enough funds (€20.00 available). Deposit more, or bid less.',
    );
    expect(bidRefusal(wallet('RESERVATION_EXISTS'), bid)).toBe('Your bid of €13.00 was not placed: its funds were already reserved once (was it sent twice?).');
    expect(bidRefusal(wallet('CURRENCY_MISMATCH'), bid)).toBe('Your bid of €13.00 was not placed: your wallet cannot reserve EUR.');
  });

  it('names a code it does not know rather than guessing', () => {
    expect(bidRefusal(auction('SOMETHING_NEW'), bid)).toBe('Your bid of €13.00 was not placed: the auction refused it (SOMETHING_NEW).');
  });
});
