import type { Auction } from './model.ts';

/** Every auction the page knows, by id; the board and the auction panel both render from here. */
const auctions = new Map<string, Auction>();
const listeners: ((id: string) => void)[] = [];

export function getAuction(id: string): Auction | undefined {
  return auctions.get(id);
}

export function allAuctions(): Auction[] {
  return [...auctions.values()];
}

/** Merges what a source knows into the auction; a partial from a view never erases fields it lacks. */
export function mergeAuction(id: string, fields: Partial<Auction>): void {
  const known = auctions.get(id);
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  auctions.set(id, { ...(known ?? { id, title: '', sellerId: '', status: 'open', currency: 'EUR', closesAt: '', highestBid: null, bidCount: 0 }), ...defined, id });
  for (const listener of listeners) listener(id);
}

export function onAuctionChange(listener: (id: string) => void): void {
  listeners.push(listener);
}
