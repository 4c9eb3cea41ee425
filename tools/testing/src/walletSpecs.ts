import { randomUUID } from 'node:crypto';
import { walletFixture } from '@causeway/runtime/testing';
import { componentSpec, type SpecMode } from './componentSpec.ts';

/**
 * One list of specs, run pure (componentSpec.unit.test.ts) and through the
 * runtime (componentSpec.int.test.ts): the same spec must hold both ways.
 */
export function walletSpecs(mode: SpecMode) {
  const spec = componentSpec(walletFixture, mode);
  const walletId = randomUUID();
  const deposited = (amount: number, balance: number) => ({ type: 'FundsDeposited' as const, data: { walletId, amount, currency: 'EUR', balance } });
  const reservationId = randomUUID();
  return {
    'a deposit adds to the balance': () =>
      spec
        .given([deposited(100, 100)])
        .when({ type: 'DepositFunds', data: { walletId, amount: 50, currency: 'EUR' } })
        .then([{ type: 'FundsDeposited', data: { amount: 50, balance: 150 } }]),
    'a reservation within the available balance is accepted': () =>
      spec
        .given([deposited(100, 100)])
        .when({ type: 'ReserveFunds', data: { walletId, reservationId, amount: 60, currency: 'EUR' } })
        .then([{ type: 'FundsReserved', data: { reservationId, available: 40 } }]),
    'a reservation beyond it is rejected and reserves nothing': async () => {
      const when = spec.given([deposited(100, 100)]).when({ type: 'ReserveFunds', data: { walletId, reservationId, amount: 160, currency: 'EUR' } });
      await when.thenRejected('FundsReservationRejected', { reason: 'INSUFFICIENT_FUNDS', available: 100 });
      await when.thenNotEmitted('FundsReserved');
      await when.thenNotEmitted((e) => (e.data as { amount?: number }).amount === 160 && e.type !== 'FundsReservationRejected');
    },
    'a poison command throws': () =>
      spec
        .given([])
        .when({ type: 'DepositFunds', data: { walletId, amount: 666, currency: 'EUR' } })
        .thenThrows('cursed amount'),
    'a command it does not handle throws UNKNOWN_MESSAGE_TYPE': () =>
      spec
        .given([])
        .when({ type: 'CaptureFunds', data: { walletId, reservationId } } as never)
        .thenThrows(/does not handle CaptureFunds/),
  };
}
