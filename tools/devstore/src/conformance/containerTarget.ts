import { GenericContainer, getContainerRuntimeClient, Wait } from 'testcontainers';
import type { ConformanceTarget } from './conformanceTarget.ts';

/** The image the real-server run uses; override with DEVSTORE_CONTAINER_IMAGE (e.g. kurrentplatform/kurrentdb:25.0). */
export const containerImage = process.env['DEVSTORE_CONTAINER_IMAGE'] ?? 'eventstore/eventstore:24.10';

/** True when a container runtime (Docker, Podman…) answers; never throws. */
export async function containerRuntimeAvailable(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** A real EventStoreDB / KurrentDB in insecure single-node mode, in memory. */
export async function containerTarget(): Promise<ConformanceTarget> {
  const kurrent = containerImage.includes('kurrent');
  const prefix = kurrent ? 'KURRENTDB' : 'EVENTSTORE';
  const container = await new GenericContainer(containerImage)
    .withEnvironment({ [`${prefix}_INSECURE`]: 'true', [`${prefix}_MEM_DB`]: 'true', [`${prefix}_RUN_PROJECTIONS`]: 'None' })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .withStartupTimeout(120_000)
    .start();
  return {
    url: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    description: `${containerImage} in a container`,
    async close() {
      await container.stop();
    },
  };
}
