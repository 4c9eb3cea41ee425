import { query } from './api.ts';
import { byId } from './dom.ts';
import type { Live } from './live.ts';
import { AUCTION_FIELDS, fromGraphQL, type Auction } from './model.ts';
import { formatMoney } from './money.ts';
import { allAuctions, forgetWatch, getAuction, mergeAuction } from './store.ts';

const BOARD_SIZE = 50;
// The ids the board lists (the store also holds the auction open in the panel, which may be closed).
let listed = new Set<string>();

export function isListed(id: string): boolean {
  return listed.has(id);
}

/** Loads the open auctions through GraphQL, then watches each one so its row updates live (`keep`: the panel's). */
export async function loadBoard(live: Live, keep?: string): Promise<void> {
  const data = await query<{ auctions: { edges: { node: Auction }[] } }>(
    `query Board($first: Int) { auctions(status: OPEN, first: $first) { edges { node { ${AUCTION_FIELDS} } } } }`,
    { first: BOARD_SIZE },
  );
  const ids = new Set(data.auctions.edges.map((e) => e.node.id));
  for (const id of listed) {
    if (ids.has(id) || id === keep) continue;
    live.unwatch('auctions', id);
    forgetWatch('auctions', id);
  }
  listed = ids;
  for (const { node } of data.auctions.edges) {
    mergeAuction(node.id, fromGraphQL(node), 'graphql');
    live.watch('auctions', node.id);
  }
  renderBoard();
}

/**
 * The board lists open auctions only: one its watch reports closed leaves the list at once (no reload), and
 * its watch ends unless the panel shows it (`keep`). A later list read would drop it too, but up to 20 s late.
 */
export function retireIfClosed(live: Live, id: string, keep?: string): void {
  if (!listed.has(id) || getAuction(id)?.status === 'open') return;
  listed.delete(id);
  if (id === keep) return;
  live.unwatch('auctions', id);
  forgetWatch('auctions', id);
}

export function renderBoard(selectedId?: string): void {
  const rows = allAuctions()
    .filter((a) => listed.has(a.id) && a.status === 'open')
    .sort((a, b) => a.closesAt.localeCompare(b.closesAt) || a.id.localeCompare(b.id));
  const body = byId('board').querySelector('tbody');
  if (!body) return;
  body.replaceChildren(...rows.map((a) => row(a, a.id === selectedId)));
  byId('board-empty').hidden = rows.length > 0;
}

function row(auction: Auction, selected: boolean): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset.auctionId = auction.id;
  if (selected) tr.className = 'selected';
  const link = document.createElement('a');
  link.href = `#/auction/${auction.id}`;
  link.textContent = auction.title || auction.id;
  if (selected) link.setAttribute('aria-current', 'true');
  const cells = [
    auction.highestBid ? formatMoney(auction.highestBid.amount, auction.currency) : 'no bids',
    String(auction.bidCount),
    auction.status === 'open' ? when(auction.closesAt) : 'closed',
  ];
  const first = document.createElement('td');
  first.append(link);
  tr.append(first, ...cells.map((text) => Object.assign(document.createElement('td'), { textContent: text })));
  return tr;
}

export function when(iso: string): string {
  return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '';
}
