export { loadSuite } from './loadSuite.ts';
export { uncoveredEvents, type UncoveredEvent } from './uncoveredEvents.ts';
export { summarizeAggregators, type AggregatorSummary, type Suite, type SuiteRoute } from './Suite.ts';
export type { SuiteFacts } from './SuiteFacts.ts';
export { defineSuiteAggregator, type SuiteAggregator } from './defineSuiteAggregator.ts';
export { findServices, type ServiceEntry } from './findServices.ts';
export { findWorkspaceRoot } from './findWorkspaceRoot.ts';
export { checkUserMaySend } from './checkUserMaySend.ts';
