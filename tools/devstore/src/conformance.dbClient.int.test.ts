import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { dbClientAdapter } from './conformance/dbClientAdapter.ts';
import { describeEventStoreConformance } from './conformance/describeEventStoreConformance.ts';

describeEventStoreConformance('@eventstore/db-client', dbClientAdapter);

// The two official clients break each other in one process; this file must
// run alone in its own (vitest fork) process.
it('runs without @kurrent/kurrentdb-client in the same process', () => {
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  expect(loaded.some((file) => file.includes('@eventstore/db-client'))).toBe(true);
  expect(loaded.some((file) => file.includes('@kurrent/kurrentdb-client'))).toBe(false);
});
