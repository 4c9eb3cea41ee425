import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { ConformanceClient, ErrorKind, NewEvent } from './ConformanceClient.ts';

/** Unique per run, so the suite can share a real server with other data. */
export function uniqueName(prefix: string): string {
  return `${prefix}${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

export function events(count: number, type = 'Happened', from = 0): (NewEvent & { id: string })[] {
  return Array.from({ length: count }, (_, i) => ({ id: crypto.randomUUID(), type, data: { n: from + i }, metadata: { correlationId: `c-${from + i}` } }));
}

/** Runs `action` and returns the classified error it must raise. */
export async function failure(client: ConformanceClient, action: () => Promise<unknown>, kind: ErrorKind) {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a ${kind} error`).toBeDefined();
  const classified = client.classifyError(caught);
  expect(classified.kind, String(caught)).toBe(kind);
  return classified;
}

/** A stream that is absent reads as "not found" (an error in these clients). */
export async function isMissing(client: ConformanceClient, stream: string): Promise<boolean> {
  try {
    await client.readStream(stream);
    return false;
  } catch (error) {
    return client.classifyError(error).kind === 'stream_not_found';
  }
}
