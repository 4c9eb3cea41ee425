import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import type { CommandType } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import type { AggregatorDefinition, ComponentDefinition, PolicyDefinition, SagaDefinition } from '@causeway/runtime';
import { findServices, findWorkspaceRoot, type ServiceEntry } from '../start/findServices.ts';

/** Where a command goes: `<category>:command-<id>`. */
export type CommandRoute = (data: never) => { readonly category: string; readonly id: string };

/* eslint-disable @typescript-eslint/no-explicit-any -- definitions of every state and message type live side by side here */
export interface Suite {
  readonly root: string;
  readonly services: readonly ServiceEntry[];
  readonly components: readonly ComponentDefinition<any, any, any>[];
  readonly sagas: readonly SagaDefinition<any>[];
  readonly policies: readonly PolicyDefinition[];
  readonly aggregators: readonly AggregatorDefinition[];
  /** Command type → its route, from every package's exported `commandRoutes`. */
  readonly routes: ReadonlyMap<CommandType, CommandRoute>;
  /** Which service (e.g. `aggregators/auction-board`) exported a definition. */
  readonly origin: ReadonlyMap<object, string>;
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null;
const isComponent = (v: unknown): v is ComponentDefinition<any, any, any> => isObject(v) && typeof v.decide === 'function' && typeof v.evolve === 'function';
const isSaga = (v: unknown): v is SagaDefinition<any> => isObject(v) && Array.isArray(v.steps) && typeof v.trigger === 'string';
const isAggregator = (v: unknown): v is AggregatorDefinition => isObject(v) && isObject(v.collections) && isObject(v.handlers);
const isPolicy = (v: unknown): v is PolicyDefinition => isObject(v) && isObject(v.handlers) && Array.isArray(v.categories) && !('collections' in v);
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * The reference suite as the CLI sees it: every service package of the
 * workspace, imported, with its definitions found by shape. Discovery at run
 * time keeps the toolkit free of static imports of the suite built on it.
 */
export async function loadSuite(root = findWorkspaceRoot()): Promise<Suite> {
  const services = findServices(root);
  const suite = { root, services, components: [], sagas: [], policies: [], aggregators: [], routes: new Map(), origin: new Map() } as {
    -readonly [K in keyof Suite]: Suite[K] extends readonly (infer T)[] ? T[] : Suite[K];
  };
  const routes = new Map<CommandType, CommandRoute>();
  const origin = new Map<object, string>();
  for (const service of services) {
    const dir = path.join(root, service.id);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { exports?: Record<string, string> };
    const main = manifest.exports?.['.'];
    if (!main) continue;
    const mod = (await import(pathToFileURL(path.join(dir, main)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (name === 'commandRoutes' && isObject(value)) {
        for (const [type, route] of Object.entries(value)) {
          if (routes.has(type as CommandType)) throw new CausewayError('USAGE', `two packages route ${type}; ${service.id} is the second`);
          routes.set(type as CommandType, route as CommandRoute);
        }
        continue;
      }
      if (isObject(value)) origin.set(value, service.id);
      if (isComponent(value)) suite.components.push(value);
      else if (isSaga(value)) suite.sagas.push(value);
      else if (isAggregator(value)) suite.aggregators.push(value);
      else if (isPolicy(value)) suite.policies.push(value);
    }
  }
  return { ...suite, routes, origin };
}
