// The conformance suite, for test files only (it imports vitest). Each test
// file imports exactly one client adapter: the two clients cannot share a process.
export { describeEventStoreConformance } from './describeEventStoreConformance.ts';
export { conformanceTarget, type ConformanceTarget } from './conformanceTarget.ts';
export { containerRuntimeAvailable, containerTarget, containerImage } from './containerTarget.ts';
export type * from './ConformanceClient.ts';
