import { componentPart, runService } from '@causeway/runtime';
import { auctionCloser } from './auctionCloser.ts';
import { auctions } from './auctions.ts';

await runService('auctions', [componentPart(auctions), auctionCloser()]);
