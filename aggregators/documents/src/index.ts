export { documentsAggregator } from './documentsAggregator.ts';
