import type { EmittedEvent, RecordedCommand } from '@causeway/runtime';
import { availableIn, balanceIn, type WalletEvent, type WalletState } from './walletState.ts';

export type WalletCommand = 'DepositFunds' | 'ReserveFunds' | 'ReleaseFunds' | 'CaptureFunds' | 'CreditFunds';

const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

/**
 * The wallet's rules. Every amount stays an integer of minor units within
 * 0 … 2^53-1, so no balance is ever negative: a reservation only takes what
 * is available in its currency, and only an open reservation is released or
 * captured, once.
 */
export function decideWallet(command: RecordedCommand<WalletCommand>, state: WalletState): EmittedEvent<WalletEvent>[] {
  switch (command.type) {
    case 'DepositFunds': {
      const { walletId, amount, currency } = command.data;
      const balance = balanceIn(state, currency) + amount;
      // No rejection type fits, and a balance past 2^53-1 would lose cents: fail loudly instead (recorded as CommandFailed).
      if (balance > MAX_AMOUNT) throw new Error(`wallet ${walletId}: a deposit of ${amount} ${currency} would take the balance past ${MAX_AMOUNT}`);
      return [{ type: 'FundsDeposited', data: { walletId, amount, currency, balance } }];
    }
    case 'CreditFunds': {
      // Money captured from another wallet (a sale's proceeds): it arrives once, as the policy's
      // command id is derived from the capture and the fold remembers handled commands.
      const { walletId, amount, currency, sourceWalletId, reservationId } = command.data;
      const balance = balanceIn(state, currency) + amount;
      if (balance > MAX_AMOUNT) throw new Error(`wallet ${walletId}: a credit of ${amount} ${currency} would take the balance past ${MAX_AMOUNT}`);
      return [{ type: 'FundsCredited', data: { walletId, amount, currency, balance, sourceWalletId, reservationId } }];
    }
    case 'ReserveFunds': {
      const { walletId, reservationId, amount, currency, auctionId, bidId } = command.data;
      const available = availableIn(state, currency);
      const refuse = (reason: 'RESERVATION_EXISTS' | 'INSUFFICIENT_FUNDS'): EmittedEvent<WalletEvent>[] => [
        { type: 'FundsReservationRejected', data: { walletId, reservationId, operation: 'reserve', reason, amount, currency, available } },
      ];
      if (state.reservations[reservationId]) return refuse('RESERVATION_EXISTS');
      if (amount > available) return refuse('INSUFFICIENT_FUNDS');
      return [
        {
          type: 'FundsReserved',
          data: { walletId, reservationId, amount, currency, ...(auctionId ? { auctionId } : {}), ...(bidId ? { bidId } : {}), available: available - amount },
        },
      ];
    }
    case 'ReleaseFunds':
    case 'CaptureFunds': {
      const { walletId, reservationId } = command.data;
      const operation = command.type === 'ReleaseFunds' ? 'release' : 'capture';
      const reservation = state.reservations[reservationId];
      if (!reservation) {
        // The reservation names no currency: report the wallet's first one, as the rejection's `available` is required.
        const currency = state.firstCurrency;
        return [
          {
            type: 'FundsReservationRejected',
            data: {
              walletId,
              reservationId,
              operation,
              reason: 'UNKNOWN_RESERVATION',
              ...(currency ? { currency } : {}),
              available: currency ? availableIn(state, currency) : 0,
            },
          },
        ];
      }
      const { amount, currency } = reservation;
      const available = availableIn(state, currency);
      if (reservation.status !== 'open') {
        return [{ type: 'FundsReservationRejected', data: { walletId, reservationId, operation, reason: 'RESERVATION_SETTLED', currency, available } }];
      }
      if (operation === 'release') {
        return [{ type: 'FundsReleased', data: { walletId, reservationId, amount, currency, available: available + amount } }];
      }
      const balance = balanceIn(state, currency) - amount;
      // Unreachable while reservations stay within the available balance; a guard, not a rule.
      if (balance < 0) throw new Error(`wallet ${walletId}: capturing ${reservationId} would make the ${currency} balance negative`);
      // The payee, if any, travels on: the settlement policy credits it once the capture stands.
      const { payeeWalletId } = command.data as { payeeWalletId?: string };
      return [{ type: 'FundsCaptured', data: { walletId, reservationId, amount, currency, balance, ...(payeeWalletId ? { payeeWalletId } : {}) } }];
    }
  }
}
