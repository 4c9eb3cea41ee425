import { defineAggregator } from '@causeway/runtime';

/**
 * `auction_details`: per auction, every bid in the order it was accepted,
 * keyed by bid id (`bids.<bidId>`), with its state: leading, outbid,
 * retracted, won. A map rather than an array, so each event touches its own
 * bid with a plain `$set` and a replay cannot duplicate an element.
 */
export const auctionDetailAggregator = defineAggregator({
  name: 'auction-detail',
  categories: ['auction'],
  collections: { auction_details: {} },
  // Rejections change nothing here.
  ignores: ['BidRejected'],
  handlers: {
    AuctionOpened: ({ data }) => ({
      collection: 'auction_details',
      id: data.auctionId,
      update: { $set: { title: data.title, sellerId: data.sellerId, lotId: data.lotId, currency: data.currency, closesAt: data.closesAt, status: 'open' } },
    }),
    BidPlaced: ({ data, position }) => ({
      collection: 'auction_details',
      id: data.auctionId,
      update: {
        $set: {
          [`bids.${data.bidId}`]: {
            bidId: data.bidId,
            bidderId: data.bidderId,
            amount: data.amount,
            placedAt: data.placedAt,
            order: position.commit.toString().padStart(20, '0'),
            state: 'leading',
          },
          ...(data.outbid ? { [`bids.${data.outbid.bidId}.state`]: 'outbid' } : {}),
        },
      },
    }),
    BidRetracted: ({ data }) => ({
      collection: 'auction_details',
      id: data.auctionId,
      update: { $set: { [`bids.${data.bidId}.state`]: 'retracted', ...(data.leadingBid ? { [`bids.${data.leadingBid.bidId}.state`]: 'leading' } : {}) } },
    }),
    AuctionClosed: ({ data }) => ({
      collection: 'auction_details',
      id: data.auctionId,
      update: { $set: { status: 'closed', closedAt: data.closedAt, ...(data.winningBid ? { [`bids.${data.winningBid.bidId}.state`]: 'won' } : {}) } },
    }),
  },
});
