/**
 * The surface the conformance suite needs, implemented once per official
 * client. The two clients differ in option and error field names only; the
 * suite states behaviour in these terms so the same checks run against both.
 */
export type Expected = 'any' | 'no_stream' | 'stream_exists' | bigint;
/** Delete and tombstone take no `stream_exists` in the clients' types. */
export type DeleteExpected = 'any' | 'no_stream' | bigint;

export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface NewEvent {
  readonly id?: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: unknown;
  /** Binary payload instead of JSON data. */
  readonly binary?: Uint8Array;
}

export interface SeenEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly id: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly isJson: boolean;
  readonly created: Date;
  readonly position: Position | undefined;
}

export interface AppendResult {
  readonly nextExpectedRevision: bigint;
  readonly position: Position | undefined;
}

export type FilterSpec =
  | { readonly on: 'stream' | 'eventType'; readonly prefixes: readonly string[]; readonly checkpointInterval?: number }
  | { readonly on: 'stream' | 'eventType'; readonly regex: string; readonly checkpointInterval?: number };

export interface ReadAllOptions {
  readonly from?: Position | 'start' | 'end';
  readonly backwards?: boolean;
  readonly maxCount?: number;
}

export interface ReadStreamOptions {
  readonly from?: bigint | 'start' | 'end';
  readonly backwards?: boolean;
  readonly maxCount?: number;
}

export interface MetadataView {
  readonly maxCount?: number;
  readonly maxAge?: number;
  readonly truncateBefore?: number | bigint | string;
}

/** Events, checkpoints and the caught-up moment of one subscription, in arrival order. */
export interface SubscriptionLog {
  readonly events: SeenEvent[];
  readonly checkpoints: Position[];
  /** How many events had arrived when caught-up was signalled (undefined until then). */
  readonly eventsAtCaughtUp: number | undefined;
  readonly confirmed: boolean;
  readonly error: unknown;
  /** Waits until `predicate` holds, failing after a generous bound rather than hanging. */
  waitFor(predicate: () => boolean, what: string): Promise<void>;
  /** Stops consuming, so the client's flow control pushes back on the server. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

export type ErrorKind = 'wrong_expected_version' | 'stream_not_found' | 'stream_deleted' | 'max_append_size' | 'other';

export interface ClassifiedError {
  readonly kind: ErrorKind;
  readonly streamName?: string;
  readonly actual?: bigint | 'no_stream';
  readonly expected?: bigint | string;
}

export interface ConformanceClient {
  readonly name: string;
  append(stream: string, events: readonly NewEvent[], expected?: Expected): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<SeenEvent[]>;
  readAll(options?: ReadAllOptions): Promise<SeenEvent[]>;
  /** Only @kurrent/kurrentdb-client can filter a plain readAll. */
  readAllFiltered?(filter: FilterSpec, options?: ReadAllOptions): Promise<SeenEvent[]>;
  subscribeToStream(stream: string, from?: bigint | 'start' | 'end'): SubscriptionLog;
  subscribeToAll(from: Position | 'start' | 'end', filter?: FilterSpec): SubscriptionLog;
  deleteStream(stream: string, expected?: DeleteExpected): Promise<Position | undefined>;
  tombstoneStream(stream: string, expected?: DeleteExpected): Promise<Position | undefined>;
  setStreamMetadata(stream: string, metadata: MetadataView): Promise<void>;
  getStreamMetadata(stream: string): Promise<MetadataView>;
  classifyError(error: unknown): ClassifiedError;
  dispose(): Promise<void>;
}
