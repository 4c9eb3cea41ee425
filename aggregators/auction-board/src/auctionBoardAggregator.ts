import { defineAggregator } from '@causeway/runtime';

const bid = (b: { bidId: string; bidderId: string; amount: number }) => ({ bidId: b.bidId, bidderId: b.bidderId, amount: b.amount });

/**
 * `auctions`: one document per auction for the board, with its status, the
 * highest standing bid and the number of standing bids.
 */
export const auctionBoardAggregator = defineAggregator({
  name: 'auction-board',
  categories: ['auction'],
  collections: { auctions: { indexes: [{ keys: { status: 1, closesAt: 1 } }, { keys: { sellerId: 1 } }] } },
  // Rejections change nothing here.
  ignores: ['BidRejected'],
  handlers: {
    AuctionOpened: ({ data }) => ({
      collection: 'auctions',
      id: data.auctionId,
      update: {
        $set: {
          title: data.title,
          sellerId: data.sellerId,
          lotId: data.lotId,
          startingPrice: data.startingPrice,
          minimumIncrement: data.minimumIncrement,
          currency: data.currency,
          closesAt: data.closesAt,
          openedAt: data.openedAt,
          status: 'open',
          highestBid: null,
          bidCount: 0,
        },
      },
    }),
    BidPlaced: ({ data }) => ({ collection: 'auctions', id: data.auctionId, update: { $set: { highestBid: bid(data) }, $inc: { bidCount: 1 } } }),
    BidRetracted: ({ data }) => ({
      collection: 'auctions',
      id: data.auctionId,
      // leadingBid is present only when the retracted bid was the highest.
      update: { $inc: { bidCount: -1 }, ...(data.leadingBid === undefined ? {} : { $set: { highestBid: data.leadingBid ? bid(data.leadingBid) : null } }) },
    }),
    AuctionClosed: ({ data }) => ({
      collection: 'auctions',
      id: data.auctionId,
      update: { $set: { status: 'closed', closedAt: data.closedAt, winningBid: data.winningBid ? bid(data.winningBid) : null } },
    }),
  },
});
