import { bsonType, typeRank } from './compareValues.ts';

/**
 * A string that is equal for two values exactly when the server treats them as
 * the same `_id` (so 1 and 1.0 collide, "1" and 1 do not). It keys the primary
 * map in memory and the rows on disk.
 */
export function keyOf(value: unknown): string {
  const rank = typeRank(value);
  switch (rank) {
    case 2:
      return 'z';
    case 3:
      // Int64 beyond 2^53 stays a Long: its decimal text keeps neighbouring ids apart.
      return typeof value === 'number' ? `n${value}` : `n${String(value)}`;
    case 4:
      return `s${String(value)}`;
    case 8:
      return `o${(value as { toHexString(): string }).toHexString()}`;
    case 9:
      return value ? 'b1' : 'b0';
    case 10:
      return `d${(value as Date).getTime()}`;
    case 6:
      return `a[${(value as unknown[]).map(keyOf).join(',')}]`;
    case 5: {
      const obj = value as Record<string, unknown>;
      return `O{${Object.keys(obj)
        .map((k) => `${JSON.stringify(k)}:${keyOf(obj[k])}`)
        .join(',')}}`;
    }
    case 7: {
      const bin = value as { buffer: Uint8Array; sub_type: number };
      return `x${bin.sub_type}:${Buffer.from(bin.buffer).toString('base64')}`;
    }
    default:
      return `${rank}:${typeof value === 'object' && value !== null ? `${bsonType(value) ?? ''}${String(value)}` : String(value)}`;
  }
}
