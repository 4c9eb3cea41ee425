import { afterAll, beforeAll, describe } from 'vitest';
import { aggregateChecks } from './aggregateChecks.ts';
import { bulkAndErrorChecks } from './bulkAndErrorChecks.ts';
import { openConformanceEnv, type ConformanceEnv, type DriverModule } from './ConformanceEnv.ts';
import { crudChecks } from './crudChecks.ts';
import { cursorAndIndexChecks } from './cursorAndIndexChecks.ts';
import { documentLimitChecks } from './documentLimitChecks.ts';
import { namespaceChecks } from './namespaceChecks.ts';
import { updateOperatorChecks } from './updateOperatorChecks.ts';

export type EnvGetter = () => ConformanceEnv;

/**
 * Registers the document-store conformance suite for one driver. Every check
 * states what real MongoDB does, so the same suite validates the embedded
 * store and, given MONGO_URL or a container, the real server.
 */
export function defineConformanceSuite(label: string, driver: DriverModule, url?: () => Promise<string | undefined>): void {
  describe(`document store conformance (${label})`, () => {
    let env: ConformanceEnv | undefined;
    beforeAll(async () => {
      env = await openConformanceEnv(driver, label, url ? await url() : process.env.MONGO_URL);
    });
    afterAll(async () => {
      await env?.close();
    });
    const get: EnvGetter = () => {
      if (!env) throw new Error('conformance environment not open');
      return env;
    };
    describe('CRUD', () => crudChecks(get));
    describe('update operators', () => updateOperatorChecks(get));
    describe('cursors and indexes', () => cursorAndIndexChecks(get));
    describe('bulk writes and errors', () => bulkAndErrorChecks(get));
    describe('document size and nesting limits', () => documentLimitChecks(get));
    describe('aggregation', () => aggregateChecks(get));
    describe('namespaces', () => namespaceChecks(get));
  });
}
