import type { Rejection } from './dashboard.ts';
import { formatMoney } from './money.ts';

/**
 * Why a bid was not placed, in words, from the refusal the wallet (its funds reservation) or the auction
 * recorded (wallets' decideWallet and auctions' decideAuction emit these codes). `shownMinimum` is the
 * next minimum the page showed when the user bid: a bid at or above it refused as too small means another
 * bid got in first (a race), not a bid below the minimum.
 */
export function bidRefusal(rejection: Rejection, bid: { amount: number; currency: string; shownMinimum: number | undefined }): string {
  return `Your bid of ${formatMoney(bid.amount, rejection.currency ?? bid.currency)} was not placed: ${refusalReason(rejection, bid)}`;
}

/**
 * The reason alone ("you do not have enough funds (€20.00 available). Deposit more, or bid less."). Without
 * `shownMinimum` (the log does not know it) a bid refused as too small is only said to be too low.
 */
export function refusalReason(rejection: Rejection, bid: { currency: string; amount?: number; shownMinimum?: number | undefined }): string {
  const money = (minor: number) => formatMoney(minor, rejection.currency ?? bid.currency);
  const atLeast = rejection.minimumAcceptable === undefined ? '' : ` at least ${money(rejection.minimumAcceptable)}`;
  if (rejection.refusedBy === 'wallet') {
    switch (rejection.reason) {
      case 'INSUFFICIENT_FUNDS': {
        const available = rejection.available === undefined ? '' : ` (${money(rejection.available)} available)`;
        return `you do not have enough funds${available}. Deposit more, or bid less.`;
      }
      case 'CURRENCY_MISMATCH':
        return `your wallet cannot reserve ${bid.currency}.`;
      case 'RESERVATION_EXISTS':
        return `its funds were already reserved once (was it sent twice?).`;
      default:
        return `your wallet refused to reserve the funds (${rejection.reason}).`;
    }
  }
  switch (rejection.reason) {
    case 'INCREMENT_TOO_SMALL':
      if (bid.shownMinimum === undefined || bid.amount === undefined) return `it was too low. The next bid must be${atLeast}.`;
      return bid.amount >= bid.shownMinimum ? `someone else bid first. The next bid must be${atLeast}.` : `it is below the minimum. Bid${atLeast}.`;
    case 'BELOW_STARTING_PRICE':
      return `it is below the starting price. Bid${atLeast}.`;
    case 'AUCTION_CLOSED':
      return `the auction has closed.`;
    case 'AUCTION_NOT_FOUND':
      return `there is no such auction.`;
    case 'SELLER_CANNOT_BID':
      return `you cannot bid on your own auction.`;
    case 'CURRENCY_MISMATCH':
      return `the auction takes bids in another currency.`;
    case 'DUPLICATE_BID':
      return `this bid was already submitted once.`;
    default:
      return `the auction refused it (${rejection.reason}).`;
  }
}
