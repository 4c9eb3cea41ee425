import { aggregatorPart, runService } from '@causeway/runtime';
import { userDashboardAggregator } from './userDashboardAggregator.ts';

await runService('user-dashboard', [aggregatorPart(userDashboardAggregator)]);
