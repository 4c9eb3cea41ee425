import * as mongodb from 'mongodb';
import { GenericContainer, getContainerRuntimeClient, Wait, type StartedTestContainer } from 'testcontainers';
import { afterAll, describe, it } from 'vitest';
import { defineConformanceSuite } from './conformance/defineConformanceSuite.ts';

// The same suite against a real mongo:7, wherever a container runtime exists.
// Without one (as on the shared dev machines) this file reports a skip, never a failure.
const runtimeAvailable = await getContainerRuntimeClient().then(
  () => true,
  () => false,
);

if (runtimeAvailable) {
  let container: StartedTestContainer | undefined;
  afterAll(async () => {
    await container?.stop();
  });
  defineConformanceSuite('mongo:7 container, driver 7', mongodb, async () => {
    container = await new GenericContainer('mongo:7').withExposedPorts(27017).withWaitStrategy(Wait.forListeningPorts()).start();
    return `mongodb://${container.getHost()}:${container.getMappedPort(27017)}`;
  });
} else {
  describe('document store conformance (mongo:7 container)', () => {
    it.skip('needs a container runtime (none found)', () => undefined);
  });
}
