import type { CommandType } from '@causeway/contracts';
import type { AggregatorDefinition, CommandRoute, CommandTarget, ComponentDefinition, PolicyDefinition, SagaDefinition } from '@causeway/runtime';
import type { ServiceEntry } from './findServices.ts';
import type { SuiteFacts } from './SuiteFacts.ts';

/** Where one command type goes and who may send it: the handler's category with the handler's route. */
export interface SuiteRoute {
  readonly type: CommandType;
  readonly category: string;
  readonly route: CommandRoute;
  /** The component or saga that handles it. */
  readonly handler: string;
  /** The command's entity, from its data (which must have passed the contract). */
  target(data: unknown): CommandTarget;
}

/** What `causeway status`, the gateway's socket edge and the test suite need of an aggregator. */
export interface AggregatorSummary {
  readonly name: string;
  readonly categories: readonly string[];
  readonly collections: readonly string[];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- definitions of every state and message type live side by side here */
/**
 * The suite's manifest: every part of the workspace, from the packages' own
 * definitions. It is the one list of the suite; the gateway, command-status,
 * the CLI, the test-suite starter and docker-compose.yml's check derive from it.
 */
export interface Suite extends SuiteFacts {
  readonly root: string;
  readonly services: readonly ServiceEntry[];
  readonly components: readonly ComponentDefinition<any, any, any>[];
  readonly sagas: readonly SagaDefinition<any>[];
  readonly policies: readonly PolicyDefinition[];
  /** Every aggregator, suite-built ones (command-status) included. */
  readonly aggregators: readonly AggregatorDefinition[];
  /** Command type → its route, from every component's `routes` and every saga's `route`. */
  readonly routes: ReadonlyMap<CommandType, SuiteRoute>;
  /** Which service (e.g. `aggregators/auction-board`) a definition comes from. */
  readonly origin: ReadonlyMap<object, string>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The aggregators as summaries (name, followed categories, collection names). */
export function summarizeAggregators(suite: Pick<Suite, 'aggregators'>): AggregatorSummary[] {
  return suite.aggregators.map((a) => ({ name: a.name, categories: a.categories, collections: Object.keys(a.collections) }));
}
