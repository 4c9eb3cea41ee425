import type { Options } from 'mingo/core';
// Registers every query, projection, expression and pipeline operator mingo has.
import 'mingo/init/system';
import { devmongoContext } from './groupAccumulators.ts';
import { MongoCommandError } from '../MongoCommandError.ts';

export function mingoOptions(extra: Partial<Options> = {}): Partial<Options> {
  return { scriptEnabled: false, context: devmongoContext, useGlobalContext: true, ...extra };
}

/**
 * mingo's own errors say which operator it lacks; the drivers need the server's
 * codes for them, so a typo never looks like an empty result.
 */
export function translateMingoError(error: unknown, where: 'query' | 'pipeline' | 'projection'): never {
  if (error instanceof MongoCommandError) throw error;
  const message = error instanceof Error ? error.message : String(error);
  const operator = /(\$[A-Za-z0-9_]+)/.exec(message)?.[1];
  if (/unknown query operator/i.test(message) && operator) {
    throw new MongoCommandError('BadValue', `unknown operator: ${operator}`);
  }
  if (/unregistered pipeline operator/i.test(message) && operator) {
    throw new MongoCommandError('Location40324', `Unrecognized pipeline stage name: '${operator}'`);
  }
  if (/not registered|unknown|unsupported|invalid/i.test(message) && operator) {
    throw new MongoCommandError('InvalidPipelineOperator', `Unrecognized expression '${operator}'`);
  }
  throw new MongoCommandError(where === 'query' ? 'BadValue' : 'FailedToParse', message);
}
