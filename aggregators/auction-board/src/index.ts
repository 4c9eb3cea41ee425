export { auctionBoardAggregator } from './auctionBoardAggregator.ts';
