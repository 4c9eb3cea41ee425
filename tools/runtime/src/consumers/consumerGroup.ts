import { createHash } from 'node:crypto';
import { CausewayError } from '@causeway/errors';

/** Member i of a group of size N (docs/ARCHITECTURE.md §6). */
export interface ConsumerGroup {
  readonly size: number;
  readonly member: number;
}

export function checkGroup(group: ConsumerGroup): void {
  if (!Number.isInteger(group.size) || group.size < 1 || !Number.isInteger(group.member) || group.member < 0 || group.member >= group.size) {
    throw new CausewayError('USAGE', `invalid consumer group: member ${group.member} of ${group.size} (need 0 <= member < size)`);
  }
}

/**
 * Stable across processes, machines and restarts (unlike a JS string hash
 * seeded per process), so every member agrees on who owns an entity and
 * per-entity order holds as instances come and go.
 */
export function groupMemberFor(entityId: string, size: number): number {
  if (size === 1) return 0;
  const digest = createHash('sha1').update(entityId).digest();
  return digest.readUInt32BE(0) % size;
}
