import { CausewayError } from '@causeway/errors';

/**
 * A place in EventStoreDB's `$all`: commit and prepare positions, unsigned
 * 64-bit. Always bigint in code; as text they are zero-padded so that string
 * order is log order (MongoDB checkpoints compare them as strings).
 */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

const WIDTH = 20; // 2^64-1 has 20 decimal digits

export const START: LogPosition = Object.freeze({ commit: 0n, prepare: 0n });

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** `00000000000000001234/00000000000000001234`: sortable as a string. */
export function formatPosition(p: LogPosition): string {
  return `${p.commit.toString().padStart(WIDTH, '0')}/${p.prepare.toString().padStart(WIDTH, '0')}`;
}

/** Parses `formatPosition` output, or a bare commit position (`"1234"`) such as clients send back. */
export function parsePosition(text: string): LogPosition {
  const m = /^(\d{1,20})(?:\/(\d{1,20}))?$/.exec(text.trim());
  if (!m) throw new CausewayError('USAGE', `not a log position: ${JSON.stringify(text)} (expected <commit>/<prepare> or <commit>)`);
  const commit = BigInt(m[1] as string);
  const prepare = m[2] === undefined ? commit : BigInt(m[2]);
  if (commit > 0xffffffffffffffffn || prepare > 0xffffffffffffffffn) throw new CausewayError('USAGE', `log position out of range: ${text}`);
  return { commit, prepare };
}
