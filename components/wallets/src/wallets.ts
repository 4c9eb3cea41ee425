import { defineComponent } from '@causeway/runtime';
import { decideWallet } from './decideWallet.ts';
import { evolveWallet, initialWalletState } from './walletState.ts';

/** The wallets component: entity `wallet-<walletId>`, commands on `wallet:command-<walletId>`. A user's wallet id is the user's id. */
export const wallets = defineComponent({
  name: 'wallets',
  category: 'wallet',
  commands: ['DepositFunds', 'ReserveFunds', 'ReleaseFunds', 'CaptureFunds', 'CreditFunds'],
  routes: {
    DepositFunds: { id: (d) => d.walletId, sentBy: 'user', actsFor: (d) => [d.walletId] },
    // Funds movements come from the bidding saga and the settlement policy only.
    ReserveFunds: { id: (d) => d.walletId, sentBy: 'system' },
    ReleaseFunds: { id: (d) => d.walletId, sentBy: 'system' },
    CaptureFunds: { id: (d) => d.walletId, sentBy: 'system' },
    CreditFunds: { id: (d) => d.walletId, sentBy: 'system' },
  },
  events: ['FundsDeposited', 'FundsReserved', 'FundsReservationRejected', 'FundsReleased', 'FundsCaptured', 'FundsCredited'],
  rejections: ['FundsReservationRejected'],
  initialState: initialWalletState,
  evolve: evolveWallet,
  decide: decideWallet,
});
