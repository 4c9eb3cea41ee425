export { wallets } from './wallets.ts';
export { decideWallet, type WalletCommand } from './decideWallet.ts';
export {
  availableIn,
  balanceIn,
  evolveWallet,
  initialWalletState,
  type Reservation,
  type ReservationStatus,
  type WalletEvent,
  type WalletState,
} from './walletState.ts';
