import { afterAll, beforeAll, describe } from 'vitest';
import type { ConformanceClient } from './ConformanceClient.ts';
import { conformanceTarget, type ConformanceTarget } from './conformanceTarget.ts';
import { deleteAndMetadataChecks } from './deleteAndMetadataChecks.ts';
import { streamChecks } from './streamChecks.ts';
import { subscriptionChecks } from './subscriptionChecks.ts';

/**
 * The event-store conformance suite for one official client. Call it from a
 * test file that imports only that client: the two cannot share a process.
 */
export function describeEventStoreConformance(
  clientName: string,
  connect: (url: string) => ConformanceClient,
  target: () => Promise<ConformanceTarget> = conformanceTarget,
  capabilities: { filteredReadAll: boolean } = { filteredReadAll: false },
): void {
  describe(`event store conformance through ${clientName}`, () => {
    let server: ConformanceTarget | undefined;
    let client: ConformanceClient | undefined;
    const current = () => {
      if (!client) throw new Error('no client: the target did not start');
      return client;
    };
    beforeAll(async () => {
      server = await target();
      client = connect(server.url);
    });
    afterAll(async () => {
      await client?.dispose();
      await server?.close();
    });
    describe('streams', () => streamChecks(current));
    describe('deletes and metadata', () => deleteAndMetadataChecks(current));
    describe('subscriptions', () => subscriptionChecks(current, capabilities));
  });
}
