import { defineAggregator } from '../aggregators/AggregatorDefinition.ts';

/** A wallet view over a fixture category: balance, deposit count, reservations. */
export const walletViewFixture = (category: string, name = `${category}View`) =>
  defineAggregator({
    name,
    categories: [category],
    collections: { [`${category}_wallets`]: { indexes: [{ keys: { balance: -1 } }] } },
    handlers: {
      FundsDeposited: (e) => ({
        collection: `${category}_wallets`,
        id: e.data.walletId,
        update: { $set: { balance: e.data.balance, currency: e.data.currency }, $inc: { deposits: 1 } },
      }),
      FundsReserved: (e) => ({
        collection: `${category}_wallets`,
        id: e.data.walletId,
        update: { $inc: { reserved: e.data.amount }, $push: { reservations: e.data.reservationId } },
      }),
    },
  });
