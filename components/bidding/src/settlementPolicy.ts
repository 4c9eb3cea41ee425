import { definePolicy } from '@causeway/runtime';

/**
 * Settles reservations after the saga is done with them: an outbid or
 * retracted bid's funds are released, the winner's are captured when the
 * auction closes, for the seller, and once the capture stands the seller's
 * wallet is credited with it (so money only moves, never vanishes: the sum
 * of all wallets is the sum of deposits). A bid's wallet is its bidder's (a
 * user's wallet id is the user's id), and only bids placed with a
 * reservation have anything to settle.
 */
export const settlementPolicy = definePolicy({
  name: 'settlement',
  categories: ['auction', 'wallet'],
  handlers: {
    BidPlaced: ({ data }) =>
      data.outbid?.reservationId
        ? [
            {
              category: 'wallet',
              id: data.outbid.bidderId,
              command: { type: 'ReleaseFunds', data: { walletId: data.outbid.bidderId, reservationId: data.outbid.reservationId } },
            },
          ]
        : [],
    BidRetracted: ({ data }) =>
      data.reservationId
        ? [{ category: 'wallet', id: data.bidderId, command: { type: 'ReleaseFunds', data: { walletId: data.bidderId, reservationId: data.reservationId } } }]
        : [],
    AuctionClosed: ({ data }) =>
      data.winningBid?.reservationId
        ? [
            {
              category: 'wallet',
              id: data.winningBid.bidderId,
              command: {
                type: 'CaptureFunds',
                data: {
                  walletId: data.winningBid.bidderId,
                  reservationId: data.winningBid.reservationId,
                  ...(data.sellerId ? { payeeWalletId: data.sellerId } : {}),
                },
              },
            },
          ]
        : [],
    // Credited only after the capture: a refused capture (UNKNOWN_RESERVATION…) pays nobody.
    FundsCaptured: ({ data }) =>
      data.payeeWalletId
        ? [
            {
              category: 'wallet',
              id: data.payeeWalletId,
              command: {
                type: 'CreditFunds',
                data: {
                  walletId: data.payeeWalletId,
                  amount: data.amount,
                  currency: data.currency,
                  sourceWalletId: data.walletId,
                  reservationId: data.reservationId,
                },
              },
            },
          ]
        : [],
  },
});
