import type { RecordedEvent } from '@causeway/runtime';

export type ReservationStatus = 'open' | 'released' | 'captured';

export interface Reservation {
  readonly amount: number;
  readonly currency: string;
  readonly status: ReservationStatus;
}

/**
 * A wallet holds one balance per currency. `balances` is what the wallet
 * owns (reserved money included); what can still be reserved is
 * `availableIn(state, currency)`. Reservations are kept after settlement so
 * that a reused id or a second release/capture is told apart from an
 * unknown one.
 */
export interface WalletState {
  readonly balances: Readonly<Record<string, number>>;
  readonly reservations: Readonly<Record<string, Reservation>>;
  /** The currency of the first deposit: the one reported when a rejection names no currency of its own. */
  readonly firstCurrency: string | undefined;
}

export type WalletEvent = 'FundsDeposited' | 'FundsReserved' | 'FundsReservationRejected' | 'FundsReleased' | 'FundsCaptured' | 'FundsCredited';

export const initialWalletState = (): WalletState => ({ balances: {}, reservations: {}, firstCurrency: undefined });

export function balanceIn(state: WalletState, currency: string): number {
  return state.balances[currency] ?? 0;
}

export function availableIn(state: WalletState, currency: string): number {
  let reserved = 0;
  for (const r of Object.values(state.reservations)) if (r.status === 'open' && r.currency === currency) reserved += r.amount;
  return balanceIn(state, currency) - reserved;
}

const settle = (state: WalletState, reservationId: string, status: ReservationStatus): WalletState => {
  const reservation = state.reservations[reservationId];
  if (!reservation) return state;
  return { ...state, reservations: { ...state.reservations, [reservationId]: { ...reservation, status } } };
};

/** Balances are taken from the events (they carry the balance after), so the fold never re-does arithmetic. */
export function evolveWallet(state: WalletState, event: RecordedEvent<WalletEvent>): WalletState {
  switch (event.type) {
    case 'FundsDeposited':
    case 'FundsCredited': {
      const { currency, balance } = event.data;
      return { ...state, balances: { ...state.balances, [currency]: balance }, firstCurrency: state.firstCurrency ?? currency };
    }
    case 'FundsReserved': {
      const { reservationId, amount, currency } = event.data;
      return { ...state, reservations: { ...state.reservations, [reservationId]: { amount, currency, status: 'open' } } };
    }
    case 'FundsReleased':
      return settle(state, event.data.reservationId, 'released');
    case 'FundsCaptured': {
      const next = settle(state, event.data.reservationId, 'captured');
      return { ...next, balances: { ...next.balances, [event.data.currency]: event.data.balance } };
    }
    case 'FundsReservationRejected':
      return state;
  }
}
