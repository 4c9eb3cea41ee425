import type { Auction } from './model.ts';

/** Every auction the page knows, by id; the board and the auction panel both render from here. */
const auctions = new Map<string, Auction>();
const listeners: ((id: string) => void)[] = [];
// `${view}/${id}` of every view document received: from then on the watch keeps those fields current.
const watched = new Set<string>();

export type Source = 'auctions' | 'auction_details' | 'graphql';

export function getAuction(id: string): Auction | undefined {
  return auctions.get(id);
}

export function allAuctions(): Auction[] {
  return [...auctions.values()];
}

/**
 * Merges what a source knows into the auction; a partial never erases fields it lacks. A GraphQL answer
 * may have been read before a view update that reached the page first, so it only fills in what no watch
 * has delivered yet (the board's fields, or the bids), and never turns a live value back.
 */
export function mergeAuction(id: string, fields: Partial<Auction>, source: Source): void {
  if (source !== 'graphql') watched.add(`${source}/${id}`);
  const fresh = Object.entries(fields).filter(([key, value]) => {
    if (value === undefined || source !== 'graphql') return value !== undefined;
    return key === 'bids' ? !watched.has(`auction_details/${id}`) : !watched.has(`auctions/${id}`);
  });
  const known = auctions.get(id) ?? { id, title: '', sellerId: '', status: 'open', currency: 'EUR', closesAt: '', highestBid: null, bidCount: 0 };
  auctions.set(id, { ...known, ...Object.fromEntries(fresh), id });
  for (const listener of listeners) listener(id);
}

/** After an unwatch the view's fields are no longer kept current: GraphQL may fill them in again. */
export function forgetWatch(view: 'auctions' | 'auction_details', id: string): void {
  watched.delete(`${view}/${id}`);
}

export function onAuctionChange(listener: (id: string) => void): void {
  listeners.push(listener);
}
