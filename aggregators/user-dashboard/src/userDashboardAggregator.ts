import { defineAggregator } from '@causeway/runtime';
import { noticeOf } from './notice.ts';
import { rejectionOf } from './rejection.ts';

/**
 * `dashboards`: one document per user (a user's wallet id is the user's id):
 * per currency the balance, reserved and available amounts, and the user's
 * bids keyed by bid id with their state (leading, outbid, retracted, won).
 * Amounts come from the wallet events' own running totals where they carry
 * them, so a replay lands on the same figures. `notices`, keyed by the id of
 * the event behind each, tell the user what happened to them in auctions:
 * outbid by someone else, won, and to the seller sold or closed without bids.
 * `rejections`, keyed by the command the user sent, say why it was refused.
 */
export const userDashboardAggregator = defineAggregator({
  name: 'user-dashboard',
  categories: ['wallet', 'auction', 'identity'],
  collections: { dashboards: {} },
  // A registration refused has no user to tell; an auction opening is not any user’s money or bid yet.
  ignores: ['UserRegistrationRejected', 'AuctionOpened'],
  handlers: {
    UserRegistered: ({ data }) => ({ collection: 'dashboards', id: data.userId, update: { $set: { displayName: data.displayName } } }),
    FundsDeposited: ({ data }) => ({
      collection: 'dashboards',
      id: data.walletId,
      update: { $set: { [`funds.${data.currency}.balance`]: data.balance }, $inc: { [`funds.${data.currency}.available`]: data.amount } },
    }),
    // A sale's proceeds: like a deposit, it adds to the balance and to what is available.
    FundsCredited: ({ data }) => ({
      collection: 'dashboards',
      id: data.walletId,
      update: { $set: { [`funds.${data.currency}.balance`]: data.balance }, $inc: { [`funds.${data.currency}.available`]: data.amount } },
    }),
    FundsReserved: ({ data }) => ({
      collection: 'dashboards',
      id: data.walletId,
      update: { $set: { [`funds.${data.currency}.available`]: data.available }, $inc: { [`funds.${data.currency}.reserved`]: data.amount } },
    }),
    FundsReleased: ({ data }) => ({
      collection: 'dashboards',
      id: data.walletId,
      update: { $set: { [`funds.${data.currency}.available`]: data.available }, $inc: { [`funds.${data.currency}.reserved`]: -data.amount } },
    }),
    FundsCaptured: ({ data }) => ({
      collection: 'dashboards',
      id: data.walletId,
      update: { $set: { [`funds.${data.currency}.balance`]: data.balance }, $inc: { [`funds.${data.currency}.reserved`]: -data.amount } },
    }),
    // Only a reservation can answer a user's command (a bid's); release and capture refusals are settlement's own.
    FundsReservationRejected: ({ data, metadata }) => {
      if (data.operation !== 'reserve') return undefined;
      const { walletId, reason, amount, currency, available } = data;
      const $set = rejectionOf(metadata.correlationId, { refusedBy: 'wallet', reason, amount, currency, available });
      return $set && { collection: 'dashboards', id: walletId, update: { $set } };
    },
    BidRejected: ({ data, metadata }) => {
      const { bidderId, reason, auctionId, bidId, amount, currency, minimumAcceptable } = data;
      const $set = rejectionOf(metadata.correlationId, { refusedBy: 'auction', reason, auctionId, bidId, amount, currency, minimumAcceptable });
      return $set && { collection: 'dashboards', id: bidderId, update: { $set } };
    },
    BidPlaced: ({ id, position, data }) => {
      const mine = {
        [`bids.${data.bidId}`]: { auctionId: data.auctionId, amount: data.amount, currency: data.currency, placedAt: data.placedAt, state: 'leading' },
      };
      const outbid = data.outbid ? { [`bids.${data.outbid.bidId}.state`]: 'outbid' } : {};
      // A bidder who outbids themselves gets one change to their document, not two, and no notice.
      if (!data.outbid || data.outbid.bidderId === data.bidderId)
        return { collection: 'dashboards', id: data.bidderId, update: { $set: { ...mine, ...outbid } } };
      const notice = noticeOf(id, position, { kind: 'outbid', auctionId: data.auctionId, amount: data.amount, currency: data.currency, at: data.placedAt });
      return [
        { collection: 'dashboards', id: data.bidderId, update: { $set: mine } },
        { collection: 'dashboards', id: data.outbid.bidderId, update: { $set: { ...outbid, ...notice } } },
      ];
    },
    BidRetracted: ({ data }) => {
      const retracted = { [`bids.${data.bidId}.state`]: 'retracted' };
      const leading = data.leadingBid ? { [`bids.${data.leadingBid.bidId}.state`]: 'leading' } : {};
      if (!data.leadingBid || data.leadingBid.bidderId === data.bidderId)
        return { collection: 'dashboards', id: data.bidderId, update: { $set: { ...retracted, ...leading } } };
      return [
        { collection: 'dashboards', id: data.bidderId, update: { $set: retracted } },
        { collection: 'dashboards', id: data.leadingBid.bidderId, update: { $set: leading } },
      ];
    },
    AuctionClosed: ({ id, position, data }) => {
      const { auctionId, currency, closedAt: at, winningBid } = data;
      const changes = [];
      if (winningBid) {
        const won = noticeOf(id, position, { kind: 'won', auctionId, amount: winningBid.amount, currency, at });
        changes.push({ collection: 'dashboards', id: winningBid.bidderId, update: { $set: { [`bids.${winningBid.bidId}.state`]: 'won', ...won } } });
      }
      // Auctions closed before AuctionClosed named the seller tell the seller nothing: nobody to tell.
      if (data.sellerId) {
        const sold = winningBid ? { kind: 'sold' as const, amount: winningBid.amount } : { kind: 'unsold' as const };
        changes.push({ collection: 'dashboards', id: data.sellerId, update: { $set: noticeOf(id, position, { ...sold, auctionId, currency, at }) } });
      }
      return changes;
    },
  },
});
