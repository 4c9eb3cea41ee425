import { deterministicId } from '../messages/deterministicId.ts';
import { defineSaga } from '../sagas/SagaDefinition.ts';

/**
 * Reserve the bidder's funds, then place the bid; a rejected bid releases
 * the funds. `releaseWrongReservation` makes the compensation ask for a
 * reservation that does not exist, to exercise a failing rollback.
 */
export const biddingFixture = (categories: { saga: string; wallet: string; auction: string }, releaseWrongReservation = false) =>
  defineSaga({
    name: `${categories.saga}Saga`,
    category: categories.saga,
    trigger: 'SubmitBid',
    route: { id: (d) => d.bidId, sentBy: 'user', actsFor: (d) => [d.bidderId] },
    categories: [categories.wallet, categories.auction],
    steps: [
      {
        name: 'reserveFunds',
        up: ({ sagaId, input }) => ({
          category: categories.wallet,
          id: input.walletId,
          command: {
            type: 'ReserveFunds',
            data: {
              walletId: input.walletId,
              reservationId: deterministicId(sagaId, 'reservation'),
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
            category: categories.wallet,
            id: input.walletId,
            command: {
              type: 'ReleaseFunds',
              data: {
                walletId: input.walletId,
                reservationId: releaseWrongReservation ? deterministicId(sagaId, 'nope') : deterministicId(sagaId, 'reservation'),
              },
            },
          }),
          succeeded: ['FundsReleased'],
          failed: ['FundsReservationRejected'],
        },
      },
      {
        name: 'placeBid',
        up: ({ sagaId, input }) => ({
          category: categories.auction,
          id: input.auctionId,
          command: {
            type: 'PlaceBid',
            data: {
              auctionId: input.auctionId,
              bidId: input.bidId,
              bidderId: input.bidderId,
              amount: input.amount,
              currency: input.currency,
              reservationId: deterministicId(sagaId, 'reservation'),
            },
          },
        }),
        succeeded: ['BidPlaced'],
        failed: ['BidRejected'],
      },
    ],
  });
