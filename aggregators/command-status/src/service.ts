import { aggregatorPart, runService } from '@causeway/runtime';
import { commandStatusAggregator } from './commandStatusAggregator.ts';

await runService('command-status', [aggregatorPart(commandStatusAggregator)]);
