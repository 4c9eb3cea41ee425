/** Where applications write the commands this package handles: the saga instance is the bid. */
export const commandRoutes = {
  SubmitBid: (data: { bidId: string }) => ({ category: 'bidding', id: data.bidId }),
};
