import { aggregatorPart, runService } from '@causeway/runtime';
import { documentsAggregator } from './documentsAggregator.ts';

await runService('documents', [aggregatorPart(documentsAggregator)]);
