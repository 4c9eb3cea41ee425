import { randomUUID } from 'node:crypto';
import { assertValidMessage, getContract } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START as ESDB_START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendExpectedRevision,
} from '@eventstore/db-client';
import type { LogPosition } from '../messages/LogPosition.ts';
import type { MessageMetadata, MessageType, Recorded } from '../messages/messages.ts';
import { toRecorded } from './toRecorded.ts';
import { CatchUpSubscription, type CatchUpOptions } from './CatchUpSubscription.ts';

export type ExpectedRevision = bigint | 'any' | 'no_stream' | 'stream_exists';

/** A message to append. `id` defaults to a fresh UUID; `metadata.schema` is filled from the contract. */
export interface NewMessage {
  readonly id?: string;
  readonly type: MessageType;
  readonly data: unknown;
  readonly metadata?: Partial<MessageMetadata>;
}

export interface AppendOutcome {
  /** Revision of the last message written (or already present, for an idempotent repeat). */
  readonly nextRevision: bigint;
  readonly position: LogPosition | undefined;
}

const toEsdbRevision = (r: ExpectedRevision): AppendExpectedRevision =>
  r === 'any' ? ANY : r === 'no_stream' ? NO_STREAM : r === 'stream_exists' ? STREAM_EXISTS : r;

/**
 * Causeway's thin layer over `@eventstore/db-client`: the envelope of
 * docs/ARCHITECTURE.md §3 on write (contract-checked, schema id in metadata,
 * correlation defaulting to the message itself), typed and validated
 * messages on read, bigint positions, and resilient catch-up subscriptions.
 */
export class MessageStore {
  readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<CatchUpSubscription>();

  constructor(client: EventStoreDBClient) {
    this.client = client;
  }

  static connect(url: string): MessageStore {
    return new MessageStore(EventStoreDBClient.connectionString(url));
  }

  /** Appends messages atomically; wrong expected revision becomes `WRONG_EXPECTED_VERSION` with the actual revision. */
  async append(stream: string, messages: readonly NewMessage[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendOutcome> {
    if (messages.length === 0) throw new CausewayError('USAGE', `nothing to append to ${stream}`);
    const events = messages.map((m) => {
      assertValidMessage(m.type, m.data);
      const id = m.id ?? randomUUID();
      const metadata = {
        ...m.metadata,
        correlationId: m.metadata?.correlationId ?? id,
        causationId: m.metadata?.causationId ?? id,
        schema: getContract(m.type).id,
      };
      return jsonEvent({ id, type: m.type, data: m.data as Record<string, unknown>, metadata });
    });
    try {
      const result = await this.client.appendToStream(stream, events, { expectedRevision: toEsdbRevision(options.expectedRevision ?? 'any') });
      return { nextRevision: result.nextExpectedRevision, position: result.position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new CausewayError(
          'WRONG_EXPECTED_VERSION',
          `${stream}: expected revision ${String(options.expectedRevision)}, actual ${String(error.actualVersion)}`,
          {
            stream,
            expected: String(options.expectedRevision),
            actual: String(error.actualVersion),
          },
          { cause: error },
        );
      }
      // The limit counts the whole envelope (metadata, ids, types), so data under a request limit can
      // still exceed it: that is the sender's too-large message, never an internal error.
      if (error instanceof MaxAppendSizeExceededError) {
        throw new CausewayError(
          'PAYLOAD_TOO_LARGE',
          `${stream}: the messages exceed the store's append limit (${error.maxAppendSize} bytes)`,
          { stream },
          { cause: error },
        );
      }
      throw error;
    }
  }

  /** Reads a stream forwards from a revision (inclusive); a missing stream reads as empty. */
  async *readStream(stream: string, options: { fromRevision?: bigint; maxCount?: number } = {}): AsyncGenerator<Recorded> {
    const read = this.client.readStream(stream, {
      direction: FORWARDS,
      fromRevision: options.fromRevision ?? ESDB_START,
      ...(options.maxCount ? { maxCount: options.maxCount } : {}),
    });
    try {
      for await (const resolved of read) {
        const message = toRecorded(resolved);
        if (message) yield message;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }

  /**
   * Every message of a stream from a revision, as one array: for folding an
   * entity, where the async-generator layer of `readStream` costs measurably
   * on long streams.
   */
  async readStreamToArray(stream: string, options: { fromRevision?: bigint } = {}): Promise<Recorded[]> {
    const out: Recorded[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, { direction: FORWARDS, fromRevision: options.fromRevision ?? ESDB_START })) {
        const message = toRecorded(resolved);
        if (message) out.push(message);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  /** The last message of a stream, or undefined. */
  async readLast(stream: string): Promise<Recorded | undefined> {
    return (await this.readRecent(stream, 1))[0];
  }

  /**
   * Up to `maxCount` messages of a stream read backwards, newest first, from
   * its end or from revision `from` (inclusive); a missing stream reads as
   * empty. A look at the recent end without reading the whole stream.
   */
  async readRecent(stream: string, maxCount: number, from?: bigint): Promise<Recorded[]> {
    // Read to the end rather than break out of the loop: leaving a read early
    // does not end its gRPC call, and the client's dispose() then waits for ever.
    const out: Recorded[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, { direction: BACKWARDS, fromRevision: from ?? END, maxCount })) {
        const message = toRecorded(resolved);
        if (message) out.push(message);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  /** Position of the last record in `$all` (the head), for lag and read-your-writes. */
  async headPosition(): Promise<LogPosition> {
    let head = { commit: 0n, prepare: 0n };
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
      const p = resolved.event?.position;
      if (p) head = { commit: p.commit, prepare: p.prepare };
    }
    return head;
  }

  /** A catch-up subscription to `$all` that resubscribes after a drop from the last position it delivered. */
  subscribe(options: CatchUpOptions): CatchUpSubscription {
    const subscription = new CatchUpSubscription(this.client, options);
    this.subscriptions.add(subscription);
    subscription.closed.finally(() => this.subscriptions.delete(subscription)).catch(() => undefined);
    subscription.start();
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }
}
