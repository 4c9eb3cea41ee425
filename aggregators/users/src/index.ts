export { usersAggregator } from './usersAggregator.ts';
