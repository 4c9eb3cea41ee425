import { aggregatorPart, runService } from '@causeway/runtime';
import { auctionDetailAggregator } from './auctionDetailAggregator.ts';

await runService('auction-detail', [aggregatorPart(auctionDetailAggregator)]);
