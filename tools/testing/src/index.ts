export { aggregatorSpec, type GivenEvent } from './aggregatorSpec.ts';
export { componentSpec, pure, throughRuntime, type ComponentSpecOptions, type ExpectedEvent, type SpecCommand, type SpecMode } from './componentSpec.ts';
export { matchPartial } from './matchPartial.ts';
export { sagaSpec, type SagaExpectation } from './sagaSpec.ts';
export { SpecFailure } from './SpecFailure.ts';
export { useTestStores, type TestStores } from '@causeway/runtime/testing';
