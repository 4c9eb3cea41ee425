import { commandRoutes as auctionRoutes } from '@causeway/auctions';
import { commandRoutes as biddingRoutes } from '@causeway/bidding';
import { commandRoutes as documentRoutes } from '@causeway/documents';
import { commandRoutes as walletRoutes } from '@causeway/wallets';

/** Where a command goes: the target's category and id (its stream is `<category>:command-<id>`). */
export interface CommandRoute {
  readonly category: string;
  readonly id: string;
}

export type RouteOf = (data: never) => CommandRoute;

/**
 * Commands users may send to `POST /commands/<Type>`, each with the check
 * that the sender acts for themselves. System commands (funds movements the
 * bidding saga and settlement policy send, the closing schedule's
 * CloseAuction) are absent on purpose: a user sending one gets 403.
 */
export const userCommands = {
  DepositFunds: { route: walletRoutes.DepositFunds, actsFor: (d: { walletId: string }) => [d.walletId] },
  SubmitBid: { route: biddingRoutes.SubmitBid, actsFor: (d: { bidderId: string; walletId: string }) => [d.bidderId, d.walletId] },
  OpenAuction: { route: auctionRoutes.OpenAuction, actsFor: (d: { sellerId: string }) => [d.sellerId] },
  PlaceBid: { route: auctionRoutes.PlaceBid, actsFor: (d: { bidderId: string }) => [d.bidderId] },
  RetractBid: { route: auctionRoutes.RetractBid, actsFor: (d: { bidderId: string }) => [d.bidderId] },
} as const satisfies Record<string, { route: RouteOf; actsFor: (data: never) => readonly string[] }>;

/** Commands that exist but are sent by the system, never by a user. */
export const systemCommands: ReadonlySet<string> = new Set(['ReserveFunds', 'ReleaseFunds', 'CaptureFunds', 'CloseAuction']);

/** Commands with their own routes: RegisterUser through /auth/register, documents through /documents. */
export const ownRoutes: Readonly<Record<string, string>> = {
  RegisterUser: 'POST /auth/register',
  CreateDocument: 'POST /documents/<collection>',
  PatchDocument: 'PATCH /documents/<collection>/<id>',
  ReplaceDocument: 'PUT /documents/<collection>/<id>',
  DeleteDocument: 'DELETE /documents/<collection>/<id>',
};

export const documentCommandRoutes = documentRoutes;
