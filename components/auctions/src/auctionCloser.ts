import type { ServicePart } from '@causeway/runtime';
import { runAuctionCloser } from './runAuctionCloser.ts';

/**
 * The closing schedule as a part of the auctions service. With GROUP_SIZE /
 * GROUP_MEMBER set (several instances of the service), each instance closes
 * the auctions its component member owns.
 */
export const auctionCloser = (category = 'auction'): ServicePart => ({
  name: 'auctionCloser',
  start: ({ store }) => {
    const size = process.env.GROUP_SIZE;
    const group = size ? { size: Number(size), member: Number(process.env.GROUP_MEMBER ?? 0) } : undefined;
    return runAuctionCloser({ store, category, ...(group ? { group } : {}) });
  },
});
