import type { Rejection } from './dashboard.ts';
import { formatMoney } from './money.ts';

/**
 * Why a bid was not placed, in words, from the refusal the wallet (its funds reservation) or the auction
 * recorded (wallets' decideWallet and auctions' decideAuction emit these codes). `shownMinimum` is the
 * next minimum the page showed when the user bid: a bid at or above it refused as too small means another
 * bid got in first (a race), not a bid below the minimum.
 */
export function bidRefusal(rejection: Rejection, bid: { amount: number; currency: string; shownMinimum: number | undefined }): string {
  const money = (minor: number) => formatMoney(minor, rejection.currency ?? bid.currency);
  const head = `Your bid of ${money(bid.amount)} was not placed:`;
  const atLeast = rejection.minimumAcceptable === undefined ? '' : ` at least ${money(rejection.minimumAcceptable)}`;
  if (rejection.refusedBy === 'wallet') {
    switch (rejection.reason) {
      case 'INSUFFICIENT_FUNDS': {
        const available = rejection.available === undefined ? '' : ` (${money(rejection.available)} available)`;
        return `${head} you do not have enough funds${available}. Deposit more, or bid less.`;
      }
      case 'CURRENCY_MISMATCH':
        return `${head} your wallet cannot reserve ${bid.currency}.`;
      case 'RESERVATION_EXISTS':
        return `${head} its funds were already reserved once (was it sent twice?).`;
      default:
        return `${head} your wallet refused to reserve the funds (${rejection.reason}).`;
    }
  }
  switch (rejection.reason) {
    case 'INCREMENT_TOO_SMALL':
      return bid.shownMinimum !== undefined && bid.amount >= bid.shownMinimum
        ? `${head} someone else bid first. The next bid must be${atLeast}.`
        : `${head} it is below the minimum. Bid${atLeast}.`;
    case 'BELOW_STARTING_PRICE':
      return `${head} it is below the starting price. Bid${atLeast}.`;
    case 'AUCTION_CLOSED':
      return `${head} the auction has closed.`;
    case 'AUCTION_NOT_FOUND':
      return `${head} there is no such auction.`;
    case 'SELLER_CANNOT_BID':
      return `${head} you cannot bid on your own auction.`;
    case 'CURRENCY_MISMATCH':
      return `${head} the auction takes bids in another currency.`;
    case 'DUPLICATE_BID':
      return `${head} this bid was already submitted once.`;
    default:
      return `${head} the auction refused it (${rejection.reason}).`;
  }
}
