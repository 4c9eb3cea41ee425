export { auctions } from './auctions.ts';
export { decideAuction, type AuctionCommand } from './decideAuction.ts';
export { evolveAuction, highestBid, initialAuctionState, type AuctionEvent, type AuctionState, type AuctionTerms, type StandingBid } from './auctionState.ts';
export { auctionCloser } from './auctionCloser.ts';
export { runAuctionCloser, type AuctionCloserOptions, type RunningAuctionCloser } from './runAuctionCloser.ts';
