import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { describeEventStoreConformance } from './conformance/describeEventStoreConformance.ts';
import { kurrentClientAdapter } from './conformance/kurrentClientAdapter.ts';

describeEventStoreConformance('@kurrent/kurrentdb-client', kurrentClientAdapter, undefined, { filteredReadAll: true });

// The two official clients break each other in one process; this file must
// run alone in its own (vitest fork) process.
it('runs without @eventstore/db-client in the same process', () => {
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  expect(loaded.some((file) => file.includes('@kurrent/kurrentdb-client'))).toBe(true);
  expect(loaded.some((file) => file.includes('@eventstore/db-client'))).toBe(false);
});
