import { createHash } from 'node:crypto';

// A fixed namespace for Causeway's name-based ids (generated once, never to change).
const NAMESPACE = Buffer.from('6f1d3c1e9a0b4f57b2c4d8e0a1f3b5c7', 'hex');

/**
 * A UUID (version 5 layout, SHA-1 of a namespace and a name) derived from the
 * causing message's id and the event's place in the decision. Redelivery of
 * the same command then appends the same event ids at the same place, which
 * EventStoreDB treats as already done: exactly-once effect for at-least-once
 * delivery.
 */
export function deterministicId(causeId: string, index: number | string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`${causeId.toLowerCase()}/${index}`).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
