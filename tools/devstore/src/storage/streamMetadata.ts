import { INT64_MAX } from './types.ts';

/** The subset of EventStoreDB stream metadata the store honours on reads. */
export interface StreamMetadata {
  readonly maxCount?: number;
  /** Seconds. */
  readonly maxAge?: number;
  readonly truncateBefore?: number;
  readonly softDeleted: boolean;
}

const softDeletedThreshold = 2 ** 62;

/** The metadata stream of `stream`. */
export function metastreamOf(stream: string): string {
  return `$$${stream}`;
}

export function isMetastream(stream: string): boolean {
  return stream.startsWith('$$');
}

// Metadata written by clients is arbitrary JSON; anything unparsable is
// treated as "no rules" rather than failing reads, as the real server does.
export function parseStreamMetadata(data: Buffer | undefined): StreamMetadata {
  if (!data || data.length === 0) return { softDeleted: false };
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString('utf8'));
  } catch {
    return { softDeleted: false };
  }
  if (typeof raw !== 'object' || raw === null) return { softDeleted: false };
  const record = raw as Record<string, unknown>;
  const positive = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);
  const tb = positive(record['$tb']);
  return {
    maxCount: positive(record['$maxCount']),
    maxAge: positive(record['$maxAge']),
    truncateBefore: tb !== undefined && tb >= softDeletedThreshold ? undefined : tb,
    softDeleted: tb !== undefined && tb >= softDeletedThreshold,
  };
}

/**
 * Rewrites metadata JSON with a new `$tb`, keeping the client's other keys.
 * long.MaxValue cannot pass through a JS number, so it is spliced in as text.
 */
export function withTruncateBefore(data: Buffer | undefined, truncateBefore: number | 'deleted'): Buffer {
  let record: Record<string, unknown> = {};
  if (data && data.length > 0) {
    try {
      const parsed: unknown = JSON.parse(data.toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) record = parsed as Record<string, unknown>;
    } catch {
      record = {};
    }
  }
  if (truncateBefore !== 'deleted') return Buffer.from(JSON.stringify({ ...record, $tb: truncateBefore }));
  const marker = '__devstore_tb__';
  return Buffer.from(JSON.stringify({ ...record, $tb: marker }).replace(`"${marker}"`, INT64_MAX));
}
