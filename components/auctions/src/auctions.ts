import { defineComponent } from '@causeway/runtime';
import { evolveAuction, initialAuctionState } from './auctionState.ts';
import { decideAuction } from './decideAuction.ts';

/** The auctions component: entity `auction-<auctionId>`, commands on `auction:command-<auctionId>`. */
export const auctions = defineComponent({
  name: 'auctions',
  category: 'auction',
  commands: ['OpenAuction', 'PlaceBid', 'RetractBid', 'CloseAuction'],
  routes: {
    OpenAuction: { id: (d) => d.auctionId, sentBy: 'user', actsFor: (d) => [d.sellerId] },
    // Only the bidding saga places bids, with the reservation it made: a user's PlaceBid would be a
    // bid no funds back (and could name any reservation id). Users send SubmitBid.
    PlaceBid: { id: (d) => d.auctionId, sentBy: 'system' },
    RetractBid: { id: (d) => d.auctionId, sentBy: 'user', actsFor: (d) => [d.bidderId] },
    // The closing schedule sends it when an auction's end is due.
    CloseAuction: { id: (d) => d.auctionId, sentBy: 'system' },
  },
  events: ['AuctionOpened', 'BidPlaced', 'BidRejected', 'BidRetracted', 'AuctionClosed'],
  rejections: ['BidRejected'],
  initialState: initialAuctionState,
  evolve: evolveAuction,
  decide: decideAuction,
});
