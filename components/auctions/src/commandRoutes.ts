/** Where applications write the commands this component handles: the auction's command stream. */
export const commandRoutes = {
  OpenAuction: (data: { auctionId: string }) => ({ category: 'auction', id: data.auctionId }),
  PlaceBid: (data: { auctionId: string }) => ({ category: 'auction', id: data.auctionId }),
  RetractBid: (data: { auctionId: string }) => ({ category: 'auction', id: data.auctionId }),
  CloseAuction: (data: { auctionId: string }) => ({ category: 'auction', id: data.auctionId }),
};
