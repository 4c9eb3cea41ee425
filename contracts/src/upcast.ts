import { CausewayError } from '@causeway/errors';
import { describeIssues } from '@causeway/validation';
import { getContract, versionsOf } from './registry.ts';

/**
 * Lifts data written under an older version of a type to its latest version,
 * one upcaster at a time, and validates the result: stored messages are read
 * through this for ever, so a bad upcast must fail loudly, never pass on.
 */
export function upcast(type: string, fromVersion: number, data: unknown): { version: number; data: unknown } {
  getContract(type, fromVersion);
  let current = data;
  let version = fromVersion;
  for (const next of versionsOf(type).filter((v) => v.version > fromVersion)) {
    if (!next.upcastFromPrevious) throw new CausewayError('UPCAST_FAILED', `${next.id} has no upcaster from version ${version}`, { type, version });
    current = next.upcastFromPrevious(current);
    version = next.version;
    if (!next.validate(current)) {
      const issues = describeIssues(next.validate.errors);
      throw new CausewayError('UPCAST_FAILED', `upcast of ${type}@${fromVersion} to ${next.id} is invalid: ${issues.map((i) => i.message).join('; ')}`, {
        type,
        issues,
      });
    }
  }
  return { version, data: current };
}
