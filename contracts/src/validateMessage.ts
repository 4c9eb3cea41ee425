import { CausewayError } from '@causeway/errors';
import { describeIssues, jsonShapeIssues, type ValidationIssue } from '@causeway/validation';
import type { MessageDataMap } from '../generated/registry.ts';
import { getContract } from './registry.ts';

export type ValidationResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/**
 * Checks data against a type's contract (latest version unless given) with
 * the precompiled validator. Every violation is listed, each naming the
 * field, the rule and the value given. First, for every type alike, the shape
 * every store can hold (nesting depth, keys without NUL: `jsonShapeIssues`),
 * so that hostile data never reaches the recursive schema check.
 */
export function validateMessage<K extends keyof MessageDataMap>(type: K, data: unknown, version?: number): ValidationResult<MessageDataMap[K]>;
export function validateMessage(type: string, data: unknown, version?: number): ValidationResult<unknown>;
export function validateMessage(type: string, data: unknown, version?: number): ValidationResult<unknown> {
  const contract = getContract(type, version);
  const shape = jsonShapeIssues(data);
  if (shape.length > 0) return { ok: false, issues: shape };
  if (contract.validate(data)) return { ok: true, value: data };
  return { ok: false, issues: describeIssues(contract.validate.errors) };
}

/** Like `validateMessage`, but throws `VALIDATION_FAILED` with every issue in `details.issues`. */
export function assertValidMessage<K extends keyof MessageDataMap>(type: K, data: unknown, version?: number): MessageDataMap[K];
export function assertValidMessage(type: string, data: unknown, version?: number): unknown;
export function assertValidMessage(type: string, data: unknown, version?: number): unknown {
  const result = validateMessage(type, data, version);
  if (result.ok) return result.value;
  const contract = getContract(type, version);
  throw new CausewayError('VALIDATION_FAILED', `${type} is invalid: ${result.issues.map((i) => i.message).join('; ')}`, {
    type,
    schema: contract.id,
    issues: result.issues,
  });
}
