import { randomUUID } from 'node:crypto';
import { componentSpec, type SpecMode } from '@causeway/testing';
import { wallets } from './wallets.ts';

/**
 * Every wallet rule as a given/when/then spec. One list, run pure
 * (wallets.unit.test.ts) and through the runtime and a real store
 * (wallets.int.test.ts): the same spec must hold both ways.
 */
export function walletsSpecs(mode: SpecMode) {
  const spec = componentSpec(wallets, mode);
  const walletId = randomUUID();
  const reservationId = randomUUID();
  const auctionId = randomUUID();
  const bidId = randomUUID();
  const earlier = randomUUID();
  const seller = randomUUID();

  const deposited = (amount: number, balance: number, currency = 'EUR') => ({ type: 'FundsDeposited' as const, data: { walletId, amount, currency, balance } });
  const reserved = (amount: number, available: number, currency = 'EUR', id = reservationId) => ({
    type: 'FundsReserved' as const,
    data: { walletId, reservationId: id, amount, currency, available },
  });
  const released = (amount: number, available: number, currency = 'EUR', id = reservationId) => ({
    type: 'FundsReleased' as const,
    data: { walletId, reservationId: id, amount, currency, available },
  });
  const captured = (amount: number, balance: number, currency = 'EUR', id = reservationId) => ({
    type: 'FundsCaptured' as const,
    data: { walletId, reservationId: id, amount, currency, balance },
  });
  const deposit = (amount: number, currency = 'EUR') => ({ type: 'DepositFunds' as const, data: { walletId, amount, currency } });
  const reserve = (amount: number, currency = 'EUR', id = reservationId) => ({
    type: 'ReserveFunds' as const,
    data: { walletId, reservationId: id, amount, currency },
  });
  const release = (id = reservationId) => ({ type: 'ReleaseFunds' as const, data: { walletId, reservationId: id } });
  const capture = (id = reservationId) => ({ type: 'CaptureFunds' as const, data: { walletId, reservationId: id } });

  return {
    // DepositFunds
    'DepositFunds into a new wallet opens its balance': () =>
      spec
        .given([])
        .when(deposit(500))
        .then([{ type: 'FundsDeposited', data: { walletId, amount: 500, currency: 'EUR', balance: 500 } }]),
    'DepositFunds adds to the balance of its currency': () =>
      spec
        .given([deposited(100, 100)])
        .when(deposit(50))
        .then([{ type: 'FundsDeposited', data: { amount: 50, currency: 'EUR', balance: 150 } }]),
    'DepositFunds in another currency opens a second balance and leaves the first alone': async () => {
      const when = spec.given([deposited(100, 100)]).when(deposit(30, 'USD'));
      await when.then([{ type: 'FundsDeposited', data: { amount: 30, currency: 'USD', balance: 30 } }]);
      await when.thenNotEmitted((e) => (e.data as { balance?: number }).balance === 130);
    },
    'DepositFunds that would take the balance past 2^53-1 fails instead of losing cents': () =>
      spec
        .given([deposited(Number.MAX_SAFE_INTEGER - 10, Number.MAX_SAFE_INTEGER - 10)])
        .when(deposit(11))
        .thenThrows('past 9007199254740991'),

    // ReserveFunds
    'ReserveFunds within the available balance sets the money aside': () =>
      spec
        .given([deposited(100, 100)])
        .when({ type: 'ReserveFunds', data: { walletId, reservationId, amount: 60, currency: 'EUR', auctionId, bidId } })
        .then([{ type: 'FundsReserved', data: { reservationId, amount: 60, currency: 'EUR', auctionId, bidId, available: 40 } }]),
    'ReserveFunds may take the whole available balance': () =>
      spec
        .given([deposited(100, 100)])
        .when(reserve(100))
        .then([{ type: 'FundsReserved', data: { amount: 100, available: 0 } }]),
    'ReserveFunds beyond the available balance is rejected INSUFFICIENT_FUNDS and reserves nothing': async () => {
      const when = spec.given([deposited(100, 100)]).when(reserve(101));
      await when.thenRejected('FundsReservationRejected', {
        reservationId,
        operation: 'reserve',
        reason: 'INSUFFICIENT_FUNDS',
        amount: 101,
        currency: 'EUR',
        available: 100,
      });
      await when.thenNotEmitted('FundsReserved');
    },
    'ReserveFunds cannot use money another reservation holds': () =>
      spec
        .given([deposited(100, 100), reserved(70, 30, 'EUR', randomUUID())])
        .when(reserve(40))
        .thenRejected('FundsReservationRejected', { reason: 'INSUFFICIENT_FUNDS', available: 30 }),
    'ReserveFunds only counts the balance of its own currency': async () => {
      const when = spec.given([deposited(100, 100)]).when(reserve(10, 'USD'));
      await when.thenRejected('FundsReservationRejected', { reason: 'INSUFFICIENT_FUNDS', currency: 'USD', available: 0 });
      await when.thenNotEmitted('FundsReserved');
    },
    'ReserveFunds is not limited by reservations in another currency': () =>
      spec
        .given([deposited(100, 100), deposited(50, 50, 'USD'), reserved(50, 0, 'USD', earlier)])
        .when(reserve(100))
        .then([{ type: 'FundsReserved', data: { amount: 100, currency: 'EUR', available: 0 } }]),
    'ReserveFunds with a reservation id already in use is rejected RESERVATION_EXISTS': async () => {
      const when = spec.given([deposited(100, 100), reserved(10, 90)]).when(reserve(20));
      await when.thenRejected('FundsReservationRejected', { operation: 'reserve', reason: 'RESERVATION_EXISTS', available: 90 });
      await when.thenNotEmitted('FundsReserved');
    },
    'ReserveFunds with the id of a settled reservation is still RESERVATION_EXISTS': () =>
      spec
        .given([deposited(100, 100), reserved(10, 90), released(10, 100)])
        .when(reserve(20))
        .thenRejected('FundsReservationRejected', { reason: 'RESERVATION_EXISTS' }),
    'ReserveFunds can use money a released reservation gave back': () =>
      spec
        .given([deposited(100, 100), reserved(70, 30, 'EUR', earlier), released(70, 100, 'EUR', earlier)])
        .when(reserve(100, 'EUR', randomUUID()))
        .then([{ type: 'FundsReserved', data: { amount: 100, available: 0 } }]),

    // ReleaseFunds
    'ReleaseFunds gives an open reservation back to the available balance': async () => {
      const when = spec.given([deposited(100, 100), reserved(60, 40)]).when(release());
      await when.then([{ type: 'FundsReleased', data: { walletId, reservationId, amount: 60, currency: 'EUR', available: 100 } }]);
      await when.thenNotEmitted('FundsCaptured');
    },
    'ReleaseFunds of an unknown reservation is rejected UNKNOWN_RESERVATION': async () => {
      const when = spec.given([deposited(100, 100)]).when(release());
      await when.thenRejected('FundsReservationRejected', {
        reservationId,
        operation: 'release',
        reason: 'UNKNOWN_RESERVATION',
        currency: 'EUR',
        available: 100,
      });
      await when.thenNotEmitted('FundsReleased');
    },
    'ReleaseFunds on a wallet that never had money is UNKNOWN_RESERVATION with nothing available': () =>
      spec.given([]).when(release()).thenRejected('FundsReservationRejected', { operation: 'release', reason: 'UNKNOWN_RESERVATION', available: 0 }),
    'ReleaseFunds of a released reservation is rejected RESERVATION_SETTLED and gives nothing back twice': async () => {
      const when = spec.given([deposited(100, 100), reserved(60, 40), released(60, 100)]).when(release());
      await when.thenRejected('FundsReservationRejected', { operation: 'release', reason: 'RESERVATION_SETTLED', currency: 'EUR', available: 100 });
      await when.thenNotEmitted('FundsReleased');
    },
    'ReleaseFunds of a captured reservation is rejected RESERVATION_SETTLED': async () => {
      const when = spec.given([deposited(100, 100), reserved(60, 40), captured(60, 40)]).when(release());
      await when.thenRejected('FundsReservationRejected', { operation: 'release', reason: 'RESERVATION_SETTLED', available: 40 });
      await when.thenNotEmitted('FundsReleased');
    },

    // CaptureFunds for a payee, and CreditFunds
    'CaptureFunds for a payee names it on FundsCaptured, for the settlement to credit': () =>
      spec
        .given([deposited(100, 100), reserved(60, 40)])
        .when({ type: 'CaptureFunds', data: { walletId, reservationId, payeeWalletId: seller } })
        .then([{ type: 'FundsCaptured', data: { walletId, reservationId, amount: 60, currency: 'EUR', balance: 40, payeeWalletId: seller } }]),
    'CreditFunds adds a sale’s proceeds to the balance, naming where they came from': () =>
      spec
        .given([deposited(100, 100)])
        .when({ type: 'CreditFunds', data: { walletId, amount: 60, currency: 'EUR', sourceWalletId: seller, reservationId } })
        .then([{ type: 'FundsCredited', data: { walletId, amount: 60, currency: 'EUR', balance: 160, sourceWalletId: seller, reservationId } }]),
    'CreditFunds into a wallet that never had a deposit opens its balance, which can then be reserved': async () => {
      await spec
        .given([])
        .when({ type: 'CreditFunds', data: { walletId, amount: 13, currency: 'EUR', sourceWalletId: seller, reservationId } })
        .then([{ type: 'FundsCredited', data: { amount: 13, balance: 13 } }]);
      await spec
        .given([{ type: 'FundsCredited', data: { walletId, amount: 13, currency: 'EUR', balance: 13, sourceWalletId: seller, reservationId } }])
        .when(reserve(13, 'EUR', randomUUID()))
        .then([{ type: 'FundsReserved', data: { amount: 13, available: 0 } }]);
    },
    // CaptureFunds
    'CaptureFunds takes an open reservation out of the balance': async () => {
      const when = spec.given([deposited(100, 100), reserved(60, 40)]).when(capture());
      await when.then([{ type: 'FundsCaptured', data: { walletId, reservationId, amount: 60, currency: 'EUR', balance: 40 } }]);
      await when.thenNotEmitted('FundsReleased');
    },
    'CaptureFunds touches only the balance of the reservation’s currency': () =>
      spec
        .given([deposited(100, 100), deposited(50, 50, 'USD'), reserved(30, 20, 'USD')])
        .when(capture())
        .then([{ type: 'FundsCaptured', data: { amount: 30, currency: 'USD', balance: 20 } }]),
    'CaptureFunds of an unknown reservation is rejected UNKNOWN_RESERVATION': async () => {
      const when = spec.given([deposited(100, 100)]).when(capture());
      await when.thenRejected('FundsReservationRejected', { operation: 'capture', reason: 'UNKNOWN_RESERVATION', available: 100 });
      await when.thenNotEmitted('FundsCaptured');
    },
    'CaptureFunds of a captured reservation is rejected RESERVATION_SETTLED and takes nothing twice': async () => {
      const when = spec.given([deposited(100, 100), reserved(60, 40), captured(60, 40)]).when(capture());
      await when.thenRejected('FundsReservationRejected', { operation: 'capture', reason: 'RESERVATION_SETTLED', currency: 'EUR', available: 40 });
      await when.thenNotEmitted('FundsCaptured');
    },
    'CaptureFunds of a released reservation is rejected RESERVATION_SETTLED': async () => {
      const when = spec.given([deposited(100, 100), reserved(60, 40), released(60, 100)]).when(capture());
      await when.thenRejected('FundsReservationRejected', { operation: 'capture', reason: 'RESERVATION_SETTLED', available: 100 });
      await when.thenNotEmitted('FundsCaptured');
    },
    'after a capture the rest of the balance is still available': () =>
      spec
        .given([deposited(100, 100), reserved(60, 40), captured(60, 40)])
        .when(reserve(40, 'EUR', randomUUID()))
        .then([{ type: 'FundsReserved', data: { amount: 40, available: 0 } }]),
  };
}
