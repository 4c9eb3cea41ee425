import type { ViewDoc } from './live.ts';

export interface BidSummary {
  readonly bidId: string;
  readonly bidderId: string;
  readonly amount: number;
}
export interface BidRow extends BidSummary {
  readonly placedAt: string;
  readonly order: string;
  readonly state: string;
}
/** An auction as the page shows it, merged from GraphQL answers and the `auctions` / `auction_details` views. */
export interface Auction {
  readonly id: string;
  readonly title: string;
  readonly sellerId: string;
  readonly status: string;
  readonly currency: string;
  readonly closesAt: string;
  readonly startingPrice?: number;
  readonly minimumIncrement?: number;
  readonly highestBid: BidSummary | null;
  readonly bidCount: number;
  readonly bids?: readonly BidRow[];
}

/** GraphQL's field names, with its enums (OPEN, LEADING) lower-cased as the views store them. */
export function fromGraphQL(node: Auction): Auction {
  return { ...node, status: node.status.toLowerCase(), bids: node.bids?.map((b) => ({ ...b, state: b.state.toLowerCase() })) };
}

/** A VIEW/auctions/UPDATED document: the board's fields. */
export function fromBoardDoc(doc: ViewDoc): Partial<Auction> {
  const { _id: _ignored, _position: _alsoIgnored, ...fields } = doc;
  return fields as Partial<Auction>;
}

/** A VIEW/auction_details/UPDATED document: its bids are a map by bid id; the page wants them in log order. */
export function fromDetailDoc(doc: ViewDoc): Partial<Auction> {
  const bids = Object.values((doc.bids ?? {}) as Record<string, BidRow>).sort((a, b) => a.order.localeCompare(b.order));
  return { title: doc.title as string, status: doc.status as string, bids };
}

export const AUCTION_FIELDS = 'id title sellerId status currency closesAt startingPrice minimumIncrement bidCount highestBid { bidId bidderId amount }';
