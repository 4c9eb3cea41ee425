import { describeIssues } from '@causeway/validation';
import type { MetadataV1 } from '../generated/types.ts';
import type { ValidationResult } from './validateMessage.ts';
import { getContract } from './registry.ts';

/** Checks a record's metadata against the envelope contract (docs/ARCHITECTURE.md §3). */
export function validateMetadata(metadata: unknown): ValidationResult<MetadataV1> {
  const contract = getContract('Metadata');
  if (contract.validate(metadata)) return { ok: true, value: metadata as MetadataV1 };
  return { ok: false, issues: describeIssues(contract.validate.errors, 'metadata') };
}
