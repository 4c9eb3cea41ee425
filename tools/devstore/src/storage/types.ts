/** What the client expects the stream's current revision to be before its write. */
export type ExpectedRevision =
  { readonly kind: 'any' } | { readonly kind: 'no_stream' } | { readonly kind: 'stream_exists' } | { readonly kind: 'exact'; readonly revision: number };

/** An event as proposed by a client, already validated. */
export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Buffer;
  readonly metadata: Buffer;
}

/** An event as stored: `position` is its place in `$all` (commit = prepare). */
export interface RecordedEvent {
  readonly position: number;
  readonly stream: string;
  /** TOMBSTONE_REVISION for the `$streamDeleted` record of a tombstoned stream. */
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly createdMs: number;
  readonly data: Buffer;
  readonly metadata: Buffer;
}

/** Stored in place of EventStoreDB's long.MaxValue revision of a tombstone record. */
export const TOMBSTONE_REVISION = -2;
/** How EventStoreDB writes long.MaxValue (`$tb` of a soft-deleted stream, a tombstone's revision). */
export const INT64_MAX = '9223372036854775807';

/** `current` is undefined when the stream does not exist (or is soft-deleted). */
export type WriteOutcome =
  | { readonly kind: 'ok'; readonly revision: number | undefined; readonly position: number | undefined }
  | { readonly kind: 'wrong_expected_version'; readonly current: number | undefined; readonly expected: ExpectedRevision }
  | { readonly kind: 'stream_deleted' };

/** Rows per SQLite query when streaming reads and subscriptions: bounds memory per call. */
export const pageSize = 512;
