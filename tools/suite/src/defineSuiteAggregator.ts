import { CausewayError } from '@causeway/errors';
import type { AggregatorDefinition } from '@causeway/runtime';
import type { SuiteFacts } from './SuiteFacts.ts';

/** An aggregator built from the rest of the suite: `loadSuite` builds it once it has gathered every other part. */
export interface SuiteAggregator {
  readonly kind: 'suite-aggregator';
  /** The name of the aggregator it builds, known before it is built (for `causeway rebuild` and lookups). */
  readonly name: string;
  build(facts: SuiteFacts): AggregatorDefinition;
}

/**
 * Declares an aggregator whose categories or handlers depend on the whole
 * suite. Adding a component then needs no edit here: the next `loadSuite`
 * builds the aggregator with the new component's categories and rejections.
 */
export function defineSuiteAggregator(name: string, build: (facts: SuiteFacts) => AggregatorDefinition): SuiteAggregator {
  return {
    kind: 'suite-aggregator',
    name,
    build(facts) {
      const definition = build(facts);
      if (definition.name !== name) throw new CausewayError('USAGE', `suite aggregator ${name} built an aggregator named ${definition.name}`);
      return definition;
    },
  };
}
