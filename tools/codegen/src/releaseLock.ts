import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ContractSource, JsonSchema } from './ContractSource.ts';

export const LOCK_FILE = 'contracts.lock.json';

/** What `causeway contracts release` records per contract: the bundled schema as released. */
export interface ReleasedContract {
  readonly sha256: string;
  readonly schema: JsonSchema;
}

export type ReleaseLock = Record<string, ReleasedContract>;

export function hashSchema(schema: JsonSchema): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

export function readReleaseLock(root: string): ReleaseLock {
  const file = path.join(root, LOCK_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { contracts: ReleaseLock }).contracts : {};
}

/**
 * Records the current contracts as released. Already released ids keep their
 * entry: a released contract is frozen, and `check` has already refused any
 * breaking edit before release is allowed to run.
 */
export function writeReleaseLock(root: string, contracts: readonly ContractSource[]): { added: string[]; updated: string[] } {
  const previous = readReleaseLock(root);
  const next: ReleaseLock = {};
  const added: string[] = [];
  const updated: string[] = [];
  for (const c of contracts) {
    const entry = { sha256: hashSchema(c.bundled), schema: c.bundled };
    const old = previous[c.id];
    if (!old) added.push(c.id);
    else if (old.sha256 !== entry.sha256) updated.push(c.id);
    next[c.id] = entry;
  }
  const body = {
    comment: 'Released contracts, recorded by `causeway contracts release`. `causeway contracts check` compares every schema with its entry here.',
    contracts: next,
  };
  writeFileSync(path.join(root, LOCK_FILE), `${JSON.stringify(body, null, 2)}\n`);
  return { added, updated };
}
