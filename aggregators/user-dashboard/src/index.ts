export { userDashboardAggregator } from './userDashboardAggregator.ts';
