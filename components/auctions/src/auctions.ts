import { defineComponent } from '@causeway/runtime';
import { evolveAuction, initialAuctionState } from './auctionState.ts';
import { decideAuction } from './decideAuction.ts';

/** The auctions component: entity `auction-<auctionId>`, commands on `auction:command-<auctionId>`. */
export const auctions = defineComponent({
  name: 'auctions',
  category: 'auction',
  commands: ['OpenAuction', 'PlaceBid', 'RetractBid', 'CloseAuction'],
  events: ['AuctionOpened', 'BidPlaced', 'BidRejected', 'BidRetracted', 'AuctionClosed'],
  rejections: ['BidRejected'],
  initialState: initialAuctionState,
  evolve: evolveAuction,
  decide: decideAuction,
});
