import { aggregatorPart, runService } from '@causeway/runtime';
import { usersAggregator } from './usersAggregator.ts';

await runService('users', [aggregatorPart(usersAggregator)]);
