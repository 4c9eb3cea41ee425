import { formatPosition, type LogPosition } from '@causeway/runtime';

/** What a notice tells its user: outbid by someone else, won, or (to the seller) sold or closed without bids. */
export type NoticeKind = 'outbid' | 'won' | 'sold' | 'unsold';

export interface Notice {
  readonly kind: NoticeKind;
  readonly auctionId: string;
  /** The new highest bid (outbid) or the winning one (won, sold); absent when nobody bid. */
  readonly amount?: number;
  readonly currency: string;
  /** The event's own time (placedAt, closedAt), so a rebuild writes the same notice. */
  readonly at: string;
  /** The event's log position as text: string order is the order things happened. */
  readonly order: string;
}

/**
 * The `$set` of one notice, keyed by the id of the event that caused it: each event sets its own entry, so a
 * replay rewrites the same one and never adds a second (an event makes at most one notice per user).
 */
export function noticeOf(eventId: string, position: LogPosition, notice: Omit<Notice, 'order'>): Record<string, Notice> {
  return { [`notices.${eventId}`]: { ...notice, order: formatPosition(position) } };
}
