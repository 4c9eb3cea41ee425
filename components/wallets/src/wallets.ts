import { defineComponent } from '@causeway/runtime';
import { decideWallet } from './decideWallet.ts';
import { evolveWallet, initialWalletState } from './walletState.ts';

/** The wallets component: entity `wallet-<walletId>`, commands on `wallet:command-<walletId>`. A user's wallet id is the user's id. */
export const wallets = defineComponent({
  name: 'wallets',
  category: 'wallet',
  commands: ['DepositFunds', 'ReserveFunds', 'ReleaseFunds', 'CaptureFunds'],
  events: ['FundsDeposited', 'FundsReserved', 'FundsReservationRejected', 'FundsReleased', 'FundsCaptured'],
  rejections: ['FundsReservationRejected'],
  initialState: initialWalletState,
  evolve: evolveWallet,
  decide: decideWallet,
});
