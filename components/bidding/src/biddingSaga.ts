import { defineSaga, deterministicId } from '@causeway/runtime';

/** The funds reservation backing a submitted bid: one per saga, derived so every step agrees on it. */
export const reservationIdFor = (sagaId: string) => deterministicId(sagaId, 'reservation');

/**
 * SubmitBid (on `bidding:command-<bidId>`): reserve the bidder's funds, then
 * place the bid with the reservation attached. A rejected bid releases the
 * funds (compensation). What happens to the reservation later (outbid,
 * retracted, won) is the settlement policy's job: the saga ends once the bid
 * stands or has been undone.
 */
export const biddingSaga = defineSaga({
  name: 'bidding',
  category: 'bidding',
  trigger: 'SubmitBid',
  // The saga instance is the bid; the bidder bids with their own wallet.
  route: { id: (d) => d.bidId, sentBy: 'user', actsFor: (d) => [d.bidderId, d.walletId] },
  categories: ['wallet', 'auction'],
  steps: [
    {
      name: 'reserveFunds',
      up: ({ sagaId, input }) => ({
        category: 'wallet',
        id: input.walletId,
        command: {
          type: 'ReserveFunds',
          data: {
            walletId: input.walletId,
            reservationId: reservationIdFor(sagaId),
            amount: input.amount,
            currency: input.currency,
            auctionId: input.auctionId,
            bidId: input.bidId,
          },
        },
      }),
      succeeded: ['FundsReserved'],
      failed: ['FundsReservationRejected'],
      down: {
        run: ({ sagaId, input }) => ({
          category: 'wallet',
          id: input.walletId,
          command: { type: 'ReleaseFunds', data: { walletId: input.walletId, reservationId: reservationIdFor(sagaId) } },
        }),
        succeeded: ['FundsReleased'],
        failed: ['FundsReservationRejected'],
      },
    },
    {
      name: 'placeBid',
      up: ({ sagaId, input }) => ({
        category: 'auction',
        id: input.auctionId,
        command: {
          type: 'PlaceBid',
          data: {
            auctionId: input.auctionId,
            bidId: input.bidId,
            bidderId: input.bidderId,
            amount: input.amount,
            currency: input.currency,
            reservationId: reservationIdFor(sagaId),
          },
        },
      }),
      succeeded: ['BidPlaced'],
      failed: ['BidRejected'],
    },
  ],
});
