import { defineComponent } from '../components/ComponentDefinition.ts';

export interface WalletState {
  readonly balance: number;
  readonly reserved: Readonly<Record<string, number>>;
}

/**
 * A small wallet used to exercise the runtime (the reference suite's real
 * wallets component lives in components/wallets). An amount of 666 makes
 * `decide` throw, to stand in for a poison message.
 */
export const walletFixture = defineComponent({
  name: 'walletsFixture',
  category: 'wallet',
  commands: ['DepositFunds', 'ReserveFunds', 'ReleaseFunds'],
  routes: {
    DepositFunds: { id: (d) => d.walletId, sentBy: 'user', actsFor: (d) => [d.walletId] },
    ReserveFunds: { id: (d) => d.walletId, sentBy: 'system' },
    ReleaseFunds: { id: (d) => d.walletId, sentBy: 'system' },
  },
  events: ['FundsDeposited', 'FundsReserved', 'FundsReservationRejected', 'FundsReleased'],
  rejections: ['FundsReservationRejected'],
  initialState: (): WalletState => ({ balance: 0, reserved: {} }),
  evolve(state, event) {
    switch (event.type) {
      case 'FundsDeposited':
        return { ...state, balance: event.data.balance };
      case 'FundsReserved':
        return { ...state, reserved: { ...state.reserved, [event.data.reservationId]: event.data.amount } };
      case 'FundsReleased': {
        const { [event.data.reservationId]: _released, ...rest } = state.reserved;
        return { ...state, reserved: rest };
      }
      default:
        return state;
    }
  },
  decide(command, state) {
    const available = state.balance - Object.values(state.reserved).reduce((a, b) => a + b, 0);
    switch (command.type) {
      case 'DepositFunds': {
        if (command.data.amount === 666) throw new Error('cursed amount');
        const { walletId, amount, currency } = command.data;
        return [{ type: 'FundsDeposited', data: { walletId, amount, currency, balance: state.balance + amount } }];
      }
      case 'ReserveFunds': {
        const { walletId, reservationId, amount, currency } = command.data;
        if (amount > available) {
          return [
            {
              type: 'FundsReservationRejected',
              data: { walletId, reservationId, operation: 'reserve', reason: 'INSUFFICIENT_FUNDS', amount, currency, available },
            },
          ];
        }
        return [{ type: 'FundsReserved', data: { walletId, reservationId, amount, currency, available: available - amount } }];
      }
      case 'ReleaseFunds': {
        const { walletId, reservationId } = command.data;
        const amount = state.reserved[reservationId];
        if (amount === undefined) {
          return [{ type: 'FundsReservationRejected', data: { walletId, reservationId, operation: 'release', reason: 'UNKNOWN_RESERVATION', available } }];
        }
        return [{ type: 'FundsReleased', data: { walletId, reservationId, amount, currency: 'EUR', available: available + amount } }];
      }
    }
  },
});
