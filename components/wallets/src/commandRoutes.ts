/** Where applications write the commands this component handles: the wallet's command stream. */
export const commandRoutes = {
  DepositFunds: (data: { walletId: string }) => ({ category: 'wallet', id: data.walletId }),
  ReserveFunds: (data: { walletId: string }) => ({ category: 'wallet', id: data.walletId }),
  ReleaseFunds: (data: { walletId: string }) => ({ category: 'wallet', id: data.walletId }),
  CaptureFunds: (data: { walletId: string }) => ({ category: 'wallet', id: data.walletId }),
};
