import { expect, it } from 'vitest';
import { introspectionFromEnv } from './limits.ts';

it('turns introspection off in production unless GRAPHQL_INTROSPECTION=true, on elsewhere unless =false', () => {
  expect(introspectionFromEnv({ NODE_ENV: 'production' })).toBe(false);
  expect(introspectionFromEnv({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' })).toBe(true);
  expect(introspectionFromEnv({})).toBe(true);
  expect(introspectionFromEnv({ GRAPHQL_INTROSPECTION: 'false' })).toBe(false);
});
