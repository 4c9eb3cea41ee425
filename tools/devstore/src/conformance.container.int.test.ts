import { it } from 'vitest';
import { containerImage, containerRuntimeAvailable, containerTarget } from './conformance/containerTarget.ts';
import { dbClientAdapter } from './conformance/dbClientAdapter.ts';
import { describeEventStoreConformance } from './conformance/describeEventStoreConformance.ts';

// The same suite against the real server, where a container runtime exists.
// This machine class has none: the run is skipped, visibly, not failed.
if (await containerRuntimeAvailable()) {
  describeEventStoreConformance(`@eventstore/db-client against ${containerImage}`, dbClientAdapter, containerTarget);
} else {
  it.skip(`conformance against ${containerImage}: no container runtime available`, () => undefined);
}
