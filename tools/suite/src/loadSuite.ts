import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CommandType, EventType } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import {
  streamNames,
  type AggregatorDefinition,
  type CommandRoute,
  type ComponentDefinition,
  type PolicyDefinition,
  type SagaDefinition,
} from '@causeway/runtime';
import type { SuiteAggregator } from './defineSuiteAggregator.ts';
import { findServices } from './findServices.ts';
import { findWorkspaceRoot } from './findWorkspaceRoot.ts';
import type { Suite, SuiteRoute } from './Suite.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- definitions of every state and message type live side by side here */
type AnyComponent = ComponentDefinition<any, any, any>;
type AnySaga = SagaDefinition<any>;
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null;
const isComponent = (v: unknown): v is AnyComponent => isObject(v) && typeof v.decide === 'function' && typeof v.evolve === 'function';
const isSaga = (v: unknown): v is AnySaga => isObject(v) && Array.isArray(v.steps) && typeof v.trigger === 'string';
const isAggregator = (v: unknown): v is AggregatorDefinition => isObject(v) && isObject(v.collections) && isObject(v.handlers);
const isPolicy = (v: unknown): v is PolicyDefinition => isObject(v) && isObject(v.handlers) && Array.isArray(v.categories) && !('collections' in v);
const isSuiteAggregator = (v: unknown): v is SuiteAggregator => isObject(v) && v.kind === 'suite-aggregator' && typeof v.build === 'function';
/* eslint-enable @typescript-eslint/no-explicit-any */

const cache = new Map<string, Promise<Suite>>();

/**
 * Gathers the suite once per process: every service package of the workspace
 * (`"causeway": { "service": … }` in its package.json) is imported, and the
 * definitions its main module exports are found by shape. Suite aggregators
 * are built last, from what the others declared. Discovery at run time keeps
 * the toolkit free of static imports of the suite built on it, and makes a new
 * part one new folder (docs/ARCHITECTURE.md §2).
 */
export function loadSuite(root = findWorkspaceRoot()): Promise<Suite> {
  const key = path.resolve(root);
  let suite = cache.get(key);
  if (!suite) {
    suite = gather(key);
    cache.set(key, suite);
    suite.catch(() => cache.delete(key));
  }
  return suite;
}

async function gather(root: string): Promise<Suite> {
  const services = findServices(root);
  const components: AnyComponent[] = [];
  const sagas: AnySaga[] = [];
  const policies: PolicyDefinition[] = [];
  const aggregators: AggregatorDefinition[] = [];
  const suiteAggregators: SuiteAggregator[] = [];
  const origin = new Map<object, string>();
  for (const service of services) {
    const dir = path.join(root, service.id);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { exports?: Record<string, string> };
    const main = manifest.exports?.['.'];
    if (!main) continue;
    const mod = (await import(pathToFileURL(path.join(dir, main)).href)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (!isObject(value) || origin.has(value)) continue;
      if (isComponent(value)) components.push(value);
      else if (isSaga(value)) sagas.push(value);
      else if (isSuiteAggregator(value)) suiteAggregators.push(value);
      else if (isAggregator(value)) aggregators.push(value);
      else if (isPolicy(value)) policies.push(value);
      else continue;
      origin.set(value, service.id);
    }
  }

  const routes = new Map<CommandType, SuiteRoute>();
  const addRoute = (type: CommandType, category: string, route: CommandRoute, handler: string) => {
    const other = routes.get(type);
    if (other) throw new CausewayError('USAGE', `${type} is routed by both ${other.handler} and ${handler}: one command type has one handler`);
    routes.set(type, { type, category, route, handler, target: (data) => ({ category, id: (route.id as (d: unknown) => string)(data) }) });
  };
  for (const c of components) {
    for (const type of c.commands as CommandType[]) {
      const route = (c.routes as Record<string, CommandRoute | undefined>)[type];
      if (!route) throw new CausewayError('USAGE', `component ${c.name} handles ${type} but has no route for it`);
      addRoute(type, c.category, route, c.name);
    }
  }
  for (const s of sagas) addRoute(s.trigger as CommandType, s.category, s.route as CommandRoute, s.name);

  const commandCategories = [...new Set([...components.map((c) => c.category), ...sagas.map((s) => s.category)])].sort();
  for (const category of commandCategories) streamNames.commandCategory(category);
  const rejections = new Set<EventType>(components.flatMap((c) => (c.rejections ?? []) as EventType[]));
  for (const factory of suiteAggregators) {
    const built = factory.build({ commandCategories, rejections });
    origin.set(built, origin.get(factory) ?? '');
    aggregators.push(built);
  }
  checkUnique('aggregator', aggregators);
  checkUnique('consumer', [...components, ...sagas, ...policies]);
  return { root, services, components, sagas, policies, aggregators, routes, commandCategories, rejections, origin };
}

/** Names key checkpoints: two parts with one name would share one and skip each other's work. */
function checkUnique(kind: string, parts: readonly { readonly name: string }[]): void {
  const seen = new Set<string>();
  for (const { name } of parts) {
    if (seen.has(name)) throw new CausewayError('USAGE', `two ${kind}s are named ${name}: each needs its own name`);
    seen.add(name);
  }
}
