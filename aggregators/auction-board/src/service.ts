import { aggregatorPart, runService } from '@causeway/runtime';
import { auctionBoardAggregator } from './auctionBoardAggregator.ts';

await runService('auction-board', [aggregatorPart(auctionBoardAggregator)]);
