import * as mongodb6 from 'mongodb6';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { defineConformanceSuite } from './conformance/defineConformanceSuite.ts';
import type { DriverModule } from './conformance/ConformanceEnv.ts';

// Vitest runs each test file in its own process: this one must only ever see driver 6.
const marker = globalThis as { __devmongoDriver?: string };
const loadedBefore = marker.__devmongoDriver;
marker.__devmongoDriver = '6';

it('runs in a process of its own with driver 6', () => {
  expect(loadedBefore).toBeUndefined();
  expect(createRequire(import.meta.url)('mongodb6/package.json').version).toMatch(/^6\./);
});

// Driver 6's classes are typed apart from driver 7's but the suite only uses their shared surface.
defineConformanceSuite('driver 6', mongodb6 as unknown as DriverModule);
