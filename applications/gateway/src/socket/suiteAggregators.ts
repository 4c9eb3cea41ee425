import { auctionBoardAggregator } from '@causeway/auction-board-view';
import { auctionDetailAggregator } from '@causeway/auction-detail-view';
import { commandStatusAggregator } from '@causeway/command-status-view';
import { documentsAggregator } from '@causeway/documents-view';
import { userDashboardAggregator } from '@causeway/user-dashboard-view';
import { usersAggregator } from '@causeway/users-view';

/** What the socket edge needs to know of an aggregator: its checkpoint name, what it follows, what it writes. */
export interface AggregatorInfo {
  readonly name: string;
  readonly categories: readonly string[];
  readonly collections: readonly string[];
}

/**
 * The reference suite's aggregators. Which of them an event affects (for
 * PROJECTION_UPDATED) and which one writes a watched view both come from here,
 * taken from the definitions themselves so they cannot drift.
 */
export const suiteAggregators: readonly AggregatorInfo[] = [
  auctionBoardAggregator,
  auctionDetailAggregator,
  commandStatusAggregator,
  documentsAggregator,
  userDashboardAggregator,
  usersAggregator,
].map((a) => ({ name: a.name, categories: a.categories, collections: Object.keys(a.collections) }));
