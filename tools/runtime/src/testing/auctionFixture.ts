import { defineComponent } from '../components/ComponentDefinition.ts';

/** Accepts bids up to 1,000 and rejects higher ones: enough to drive a saga both ways. */
export const auctionFixture = defineComponent({
  name: 'auctionsFixture',
  category: 'auction',
  commands: ['PlaceBid'],
  routes: { PlaceBid: { id: (d) => d.auctionId, sentBy: 'user', actsFor: (d) => [d.bidderId] } },
  events: ['BidPlaced', 'BidRejected'],
  rejections: ['BidRejected'],
  initialState: () => ({ bids: 0 }),
  evolve: (state, event) => (event.type === 'BidPlaced' ? { bids: state.bids + 1 } : state),
  decide(command) {
    const { auctionId, bidId, bidderId, amount, currency } = command.data;
    const at = command.created.toISOString();
    if (amount > 1000) {
      return [
        { type: 'BidRejected', data: { auctionId, bidId, bidderId, command: 'PlaceBid', reason: 'INCREMENT_TOO_SMALL', amount, currency, rejectedAt: at } },
      ];
    }
    return [{ type: 'BidPlaced', data: { auctionId, bidId, bidderId, amount, currency, placedAt: at } }];
  },
});
