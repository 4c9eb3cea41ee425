import * as mongodb from 'mongodb';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { defineConformanceSuite } from './conformance/defineConformanceSuite.ts';

// Vitest runs each test file in its own process: this one must only ever see driver 7.
const marker = globalThis as { __devmongoDriver?: string };
const loadedBefore = marker.__devmongoDriver;
marker.__devmongoDriver = '7';

it('runs in a process of its own with driver 7', () => {
  expect(loadedBefore).toBeUndefined();
  expect(createRequire(import.meta.url)('mongodb/package.json').version).toMatch(/^7\./);
});

defineConformanceSuite('driver 7', mongodb);
