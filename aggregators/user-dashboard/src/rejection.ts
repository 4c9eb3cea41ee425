/**
 * Why a command of the user was refused, as the refusing component said it: the wallet (a bid's funds
 * reservation) or the auction (the bid itself). Kept so the page can say why in words: the lifecycle events
 * it hears carry the rejection's type and place in the log, not its data.
 */
export interface Rejection {
  readonly refusedBy: 'wallet' | 'auction';
  /** The rejection event's own code (FundsReservationRejected's or BidRejected's `reason`). */
  readonly reason: string;
  readonly auctionId?: string;
  readonly bidId?: string;
  readonly amount?: number;
  readonly currency?: string;
  /** The lowest bid the auction would have taken (BELOW_STARTING_PRICE, INCREMENT_TOO_SMALL). */
  readonly minimumAcceptable?: number;
  /** What the wallet had available in the currency (INSUFFICIENT_FUNDS). */
  readonly available?: number;
}

/**
 * The `$set` of one rejection, keyed by the correlation id of its chain: the id of the command the user sent
 * (a SubmitBid, whose saga's steps share it, or a PlaceBid sent directly), which is what the page waits on.
 * One refusal per command, so a replay rewrites the same entry. Undefined without a correlation id.
 */
export function rejectionOf(correlationId: unknown, rejection: Rejection): Record<string, Rejection> | undefined {
  if (typeof correlationId !== 'string' || correlationId === '') return undefined;
  // Absent fields stay absent (a stored undefined would read back as null).
  const defined = Object.fromEntries(Object.entries(rejection).filter(([, value]) => value !== undefined)) as unknown as Rejection;
  return { [`rejections.${correlationId}`]: defined };
}
