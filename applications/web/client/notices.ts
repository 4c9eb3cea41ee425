import { query } from './api.ts';
import { when } from './board.ts';
import { byId } from './dom.ts';
import type { ViewDoc } from './live.ts';
import { formatMoney } from './money.ts';
import { getAuction } from './store.ts';

/** One entry of the dashboards view's `notices` (user-dashboard aggregator). */
interface Notice {
  readonly kind: 'outbid' | 'won' | 'sold' | 'unsold';
  readonly auctionId: string;
  readonly amount?: number;
  readonly currency: string;
  readonly at: string;
  readonly order: string;
}

const MAX_SHOWN = 50;
let shown: Notice[] = [];
// The views carry auction ids; titles come from the auctions the page knows, else one GraphQL read each.
const titles = new Map<string, string>();
const asked = new Set<string>();

/** Shows the notices of the user's dashboards document, newest first. */
export function showNotices(doc: ViewDoc | undefined): void {
  const all = Object.values((doc?.notices ?? {}) as Record<string, Notice>);
  shown = all.sort((a, b) => b.order.localeCompare(a.order)).slice(0, MAX_SHOWN);
  render();
}

function render(): void {
  byId('notices').replaceChildren(
    ...shown.map((n) => Object.assign(document.createElement('li'), { className: n.kind, textContent: `${sentence(n)} (${when(n.at)})` })),
  );
  byId('notices-empty').hidden = shown.length > 0;
}

function sentence(notice: Notice): string {
  const title = titleOf(notice.auctionId);
  const money = notice.amount === undefined ? '' : formatMoney(notice.amount, notice.currency);
  switch (notice.kind) {
    case 'outbid':
      return `You were outbid on ${title}: the highest bid is now ${money}.`;
    case 'won':
      return `You won ${title} for ${money}.`;
    case 'sold':
      return `${title} sold for ${money}.`;
    case 'unsold':
      return `${title} closed without bids.`;
  }
}

function titleOf(auctionId: string): string {
  const known = getAuction(auctionId)?.title || titles.get(auctionId);
  if (known) return known;
  if (!asked.has(auctionId)) {
    asked.add(auctionId);
    void query<{ auction: { title: string } | null }>('query Title($id: ID!) { auction(id: $id) { title } }', { id: auctionId })
      .then((data) => {
        if (!data.auction) return;
        titles.set(auctionId, data.auction.title);
        render();
      })
      // Left as "an auction"; the next dashboard change asks again.
      .catch(() => asked.delete(auctionId));
  }
  return 'an auction';
}
