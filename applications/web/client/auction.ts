import { query } from './api.ts';
import { bidRefusal } from './bidRefusal.ts';
import { isListed, when } from './board.ts';
import { rejectionOf } from './dashboard.ts';
import { byId, onSubmit, say, text } from './dom.ts';
import type { Live } from './live.ts';
import { AUCTION_FIELDS, fromGraphQL, type Auction, type BidRow } from './model.ts';
import { formatMoney, toMinor } from './money.ts';
import type { Session } from './session.ts';
import { forgetWatch, getAuction, mergeAuction } from './store.ts';
import { uuid } from './uuid.ts';

let shownId: string | undefined;
// Auctions the gateway said do not exist (GraphQL answered null): their panel says so instead of waiting.
const missing = new Set<string>();

export function shownAuction(): string | undefined {
  return shownId;
}

/** Opens the panel of one auction: GraphQL for what is there now, then the two views live. */
export async function showAuction(live: Live, id: string | undefined): Promise<void> {
  if (shownId && shownId !== id) {
    live.unwatch('auction_details', shownId);
    forgetWatch('auction_details', shownId);
    if (!isListed(shownId)) {
      live.unwatch('auctions', shownId);
      forgetWatch('auctions', shownId);
    }
  }
  shownId = id;
  byId('auction').hidden = !id;
  if (!id) return;
  say('bid-status', '');
  renderAuction(id);
  byId('auction-title').focus();
  const data = await query<{ auction: (Auction & { bids: BidRow[] }) | null }>(
    `query Auction($id: ID!) { auction(id: $id) { ${AUCTION_FIELDS} bids { bidId bidderId amount placedAt order state } } }`,
    { id },
  );
  // The GraphQL answer goes in first; the watches then send the current documents, never older ones.
  if (data.auction && shownId === id) mergeAuction(id, fromGraphQL(data.auction), 'graphql');
  if (!data.auction) {
    missing.add(id);
    renderAuction(id);
  }
  live.watch('auctions', id);
  live.watch('auction_details', id);
}

export function renderAuction(id: string): void {
  if (id !== shownId) return;
  const auction = getAuction(id);
  const me = currentUser;
  if (!auction) {
    // Nothing of the auction shown before stays on screen, and there is nothing to bid on.
    byId('auction-title').textContent = missing.has(id) ? 'There is no such auction.' : 'Loading the auction…';
    for (const field of ['auction-status', 'auction-highest', 'auction-count', 'auction-next', 'auction-result', 'auction-closes'])
      byId(field).textContent = '';
    byId('bids').replaceChildren();
    byId('bid-form').hidden = true;
    byId('bid-hint').hidden = !missing.has(id);
    byId('bid-hint').textContent = missing.has(id) ? 'The link may be mistyped, or the auction was never opened.' : '';
    return;
  }
  byId('auction-title').textContent = auction.title;
  const money = (minor: number) => formatMoney(minor, auction.currency);
  byId('auction-status').textContent = auction.status === 'open' ? 'open' : 'closed';
  byId('auction-highest').textContent = auction.highestBid ? `${money(auction.highestBid.amount)} by ${who(auction.highestBid.bidderId, me)}` : 'No bids yet';
  byId('auction-count').textContent = String(auction.bidCount);
  // A closed auction takes no bid: its result replaces the next minimum.
  const open = auction.status === 'open';
  const next = open ? nextMinimum(auction) : undefined;
  byId('auction-next-row').hidden = !open;
  byId('auction-result-row').hidden = open;
  byId('auction-next').textContent = next === undefined ? '' : money(next);
  byId('auction-result').textContent = open ? '' : resultOf(auction, me);
  byId<HTMLInputElement>('bid-amount').min = next === undefined ? '0.01' : (next / 100).toFixed(2);
  byId('auction-closes').textContent = when(auction.closesAt);
  const hint =
    auction.status !== 'open'
      ? 'This auction is closed.'
      : !me
        ? 'Log in to bid.'
        : me.userId === auction.sellerId
          ? 'This is your auction: others bid on it.'
          : '';
  byId('bid-form').hidden = hint !== '';
  byId('bid-hint').hidden = hint === '';
  byId('bid-hint').textContent = hint;
  const bids = [...(auction.bids ?? [])].reverse();
  byId('bids').replaceChildren(
    ...bids.map((b) =>
      Object.assign(document.createElement('li'), { textContent: `${money(b.amount)} by ${who(b.bidderId, me)} · ${b.state} · ${when(b.placedAt)}` }),
    ),
  );
}

/** A closed auction's outcome; its highest standing bid when it closed is the winning one. */
function resultOf(auction: Auction, me: Session | undefined): string {
  const winner = auction.highestBid;
  if (!winner) return 'Closed without bids';
  const amount = formatMoney(winner.amount, auction.currency);
  return me?.userId === winner.bidderId ? `Sold to you for ${amount}` : `Sold for ${amount} to ${who(winner.bidderId, me)}`;
}

function nextMinimum(auction: Auction): number | undefined {
  if (auction.highestBid) return auction.minimumIncrement === undefined ? undefined : auction.highestBid.amount + auction.minimumIncrement;
  return auction.startingPrice;
}

// The views carry user ids only (no names or emails of other people): "you" is the one the reader can tell apart.
function who(userId: string, me: Session | undefined): string {
  return me?.userId === userId ? 'you' : `bidder ${userId.slice(0, 8)}`;
}

let currentUser: Session | undefined;

export function setAuctionUser(session: Session | undefined): void {
  currentUser = session;
  if (shownId) renderAuction(shownId);
}

/** The bid form: SubmitBid over socket.io (the saga reserves the funds, then places the bid), walletId = the user's id. */
export function bindBidForm(live: Live): void {
  onSubmit(byId<HTMLFormElement>('bid-form'), async (form) => {
    const auction = shownId ? getAuction(shownId) : undefined;
    const amount = toMinor(text(form, 'amount'));
    if (!auction || !currentUser) return;
    if (!Number.isInteger(amount)) return say('bid-status', 'Enter an amount such as 12.50.', 'error');
    // What the user saw when bidding: a refusal "too small" at or above it was a race, not a mistake.
    const shownMinimum = nextMinimum(auction);
    say('bid-status', `Bidding ${formatMoney(amount, auction.currency)}…`);
    const ack = await live.command('SubmitBid', {
      auctionId: auction.id,
      bidId: uuid(),
      bidderId: currentUser.userId,
      walletId: currentUser.userId,
      amount,
      currency: auction.currency,
    });
    if (!ack.ok) return say('bid-status', `Bid refused: ${ack.error.detail ?? ack.error.code}`, 'error');
    const outcome = await live.until(ack.commandId, (_name, e) =>
      ['SAGA_SUCCEEDED', 'SAGA_FAILED', 'SAGA_ROLLBACK_SUCCEEDED', 'SAGA_ROLLBACK_FAILED', 'REJECTED', 'FAILED'].includes(e.status),
    );
    if (!outcome) return say('bid-status', 'The bid is taking long; see the log below.');
    if (outcome.event.status === 'SAGA_SUCCEEDED') return say('bid-status', `Your bid of ${formatMoney(amount, auction.currency)} was placed.`, 'ok');
    if (outcome.event.status === 'FAILED' || outcome.event.status === 'SAGA_ROLLBACK_FAILED')
      return say('bid-status', `Your bid of ${formatMoney(amount, auction.currency)} could not be handled: try again in a moment.`, 'error');
    const rejection = await rejectionOf(ack.commandId);
    say(
      'bid-status',
      rejection
        ? bidRefusal(rejection, { amount, currency: auction.currency, shownMinimum })
        : `Your bid of ${formatMoney(amount, auction.currency)} was not placed; the log below says what happened.`,
      'error',
    );
  });
}
