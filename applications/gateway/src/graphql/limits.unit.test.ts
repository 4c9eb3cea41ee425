import { getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costLimitRule } from './costLimitRule.ts';
import { depthLimitRule } from './depthLimitRule.ts';
import { DEFAULT_GRAPHQL_LIMITS } from './limits.ts';
import { queryOnlyRule } from './queryOnlyRule.ts';
import { schema } from './schema.ts';

/** The depth and cost a rule reports, read back from a limit of 0 (every query breaks it). */
function measured(query: string): { depth: unknown; cost: unknown } {
  const errors = validate(schema, parse(query), [...specifiedRules, depthLimitRule(0), costLimitRule({ ...DEFAULT_GRAPHQL_LIMITS, maxCost: 0 })]);
  return {
    depth: errors.find((e) => e.extensions.code === 'DEPTH_LIMIT_EXCEEDED')?.extensions.depth,
    cost: errors.find((e) => e.extensions.code === 'COST_LIMIT_EXCEEDED')?.extensions.cost,
  };
}

describe('depth and cost as documented in the README', () => {
  it('counts nested fields, through fragments, leaving introspection out', () => {
    expect(measured('{ me { bids { auction { id } } } }').depth).toBe(4);
    expect(measured('{ me { ...B } } fragment B on Me { bids { ... on MyBid { auction { id __typename } } } }').depth).toBe(4);
    expect(measured('{ __schema { types { fields { name } } } auction(id: "x") { id } }').depth).toBe(2);
  });

  it('multiplies by first (20 absent, 100 for a variable), 10 for unpaged lists, 1 for edges', () => {
    expect(measured('{ auctions(first: 100) { edges { node { id bids { bidId } } } } }').cost).toBe(1 + 100 * (1 + 1 + 1 + 1 + 10 * 1));
    expect(measured('{ auctions { pageInfo { hasNextPage } } }').cost).toBe(1 + 20 * (1 + 1));
    expect(measured('query($n: Int) { documents(collection: "c", first: $n) { edges { cursor } } }').cost).toBe(1 + 100 * (1 + 1));
    expect(measured('{ me { funds { currency } } }').cost).toBe(1 + 1 + 10 * 1);
    expect(measured('{ a: auction(id: "x") { id } b: auction(id: "y") { id } }').cost).toBe(4);
  });

  it('counts every field an introspection root selects once, without list multipliers: the standard introspection query costs 220', () => {
    expect(measured('{ __schema { types { name fields { name } } } }').cost).toBe(5);
    expect(measured('{ __type(name: "Me") { ...T } } fragment T on __Type { name kind }').cost).toBe(3);
    expect(measured(getIntrospectionQuery()).cost).toBe(220);
  });

  it('refuses mutations and subscriptions by operation type', () => {
    const errors = validate(schema, parse('mutation { x } subscription { y }'), [queryOnlyRule]);
    expect(errors.map((e) => e.extensions.code)).toEqual(['QUERY_ONLY', 'QUERY_ONLY']);
  });
});
