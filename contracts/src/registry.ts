import { CausewayError } from '@causeway/errors';
import { contractEntries } from '../generated/registry.ts';
import type { ContractEntry } from './ContractEntry.ts';

const byId = new Map(contractEntries.map((e) => [e.id, e]));
const versionsByType = new Map<string, ContractEntry[]>();
for (const entry of contractEntries) {
  versionsByType.set(
    entry.type,
    [...(versionsByType.get(entry.type) ?? []), entry].sort((a, b) => a.version - b.version),
  );
}

/** Every contract version, sorted by id. */
export function allContracts(): readonly ContractEntry[] {
  return contractEntries;
}

/** Whether a message type of that name exists (any version). */
export function isKnownType(type: string): boolean {
  return versionsByType.has(type);
}

/**
 * The contract for a type name (latest version unless `version` is given).
 * Unknown types are a `UNKNOWN_MESSAGE_TYPE` error naming the type.
 */
export function getContract(type: string, version?: number): ContractEntry {
  const versions = versionsByType.get(type);
  if (!versions) throw new CausewayError('UNKNOWN_MESSAGE_TYPE', `unknown message type "${type}"`, { type });
  const entry = version === undefined ? versions.at(-1) : versions.find((v) => v.version === version);
  if (!entry) throw new CausewayError('UNKNOWN_MESSAGE_TYPE', `message type "${type}" has no version ${String(version)}`, { type, version });
  return entry;
}

/** The contract with that id (`auctions/PlaceBid@1`). */
export function getContractById(id: string): ContractEntry {
  const entry = byId.get(id);
  if (!entry) throw new CausewayError('UNKNOWN_MESSAGE_TYPE', `unknown contract id "${id}"`, { id });
  return entry;
}

/** All versions of a type, oldest first. */
export function versionsOf(type: string): readonly ContractEntry[] {
  return versionsByType.get(type) ?? [];
}
