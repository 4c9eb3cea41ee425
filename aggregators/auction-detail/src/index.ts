export { auctionDetailAggregator } from './auctionDetailAggregator.ts';
