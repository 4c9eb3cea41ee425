import pDefer from 'p-defer';
import { CausewayError } from '@causeway/errors';
import { END, START, eventTypeFilter, streamNameFilter, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { LogPosition } from '../messages/LogPosition.ts';
import type { Recorded } from '../messages/messages.ts';
import { toRecorded } from './toRecorded.ts';
import { logger as rootLogger, type Logger } from '../service/logger.ts';

export interface CatchUpOptions {
  /** Exclusive start: the last position already processed; 'start' (default) or 'end'. */
  readonly from?: LogPosition | 'start' | 'end';
  /** Server-side filter: stream-name prefixes, or event-type prefixes. */
  readonly filter?: { readonly streamPrefixes?: readonly string[]; readonly eventTypePrefixes?: readonly string[] };
  /** Called for each message in log order; the next one waits for it. A throw stops the subscription. */
  readonly handle: (message: Recorded) => Promise<void> | void;
  /**
   * A record of a known type that breaks its contract. Default: logged and
   * skipped. Components record it as a failure instead of stalling on it.
   */
  readonly onInvalid?: (error: unknown, raw: { id: string; type: string; streamName: string; position: LogPosition | undefined }) => Promise<void> | void;
  /** Called once each time the subscription has processed everything up to the live head. */
  readonly onCaughtUp?: () => void;
  /**
   * Server checkpoints: every record up to this position has been seen (filtered ones included).
   * In order with the messages: every message before the checkpoint has been handled.
   */
  readonly onCheckpoint?: (position: LogPosition) => Promise<void> | void;
  readonly name?: string;
  readonly logger?: Logger;
  /**
   * Records the client decodes ahead of the handler (default 16, the stream
   * default). A handler that pauses for a write (aggregators) keeps the
   * pipe full with a larger buffer instead of stalling the server's stream.
   */
  readonly bufferSize?: number;
  /** Backoff bounds for resubscribing after a drop. */
  readonly retry?: { readonly initialMs?: number; readonly maxMs?: number };
}

/**
 * A catch-up subscription to `$all` that survives drops: it resubscribes with
 * jittered exponential backoff from the last position it delivered (start
 * points are exclusive, so nothing is delivered twice), and says when it has
 * caught up with the live head. Messages are handled one at a time, in order;
 * the client's flow control keeps the buffer bounded while a handler is slow.
 */
export class CatchUpSubscription {
  private current: AllStreamSubscription | undefined;
  private lastPosition: LogPosition | undefined;
  private stopped = false;
  private caughtUp = false;
  private readonly closing = pDefer<void>();
  /** Settles when the subscription stops: resolved by `stop()`, rejected when a handler throws. */
  readonly closed: Promise<void>;
  private readonly log: Logger;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: CatchUpOptions,
  ) {
    this.closed = this.closing.promise;
    this.log = (options.logger ?? rootLogger).child({ subscription: options.name ?? 'anonymous' });
    if (options.filter?.streamPrefixes && options.filter.eventTypePrefixes) {
      throw new CausewayError('USAGE', 'a subscription filters on stream names or on event types, not both');
    }
  }

  /** Position of the last message handled. */
  get position(): LogPosition | undefined {
    return this.lastPosition;
  }

  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  start(): void {
    void this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.current?.unsubscribe().catch(() => undefined);
    this.closing.resolve();
  }

  private fromPosition() {
    if (this.lastPosition) return this.lastPosition;
    const from = this.options.from ?? 'start';
    return from === 'start' ? START : from === 'end' ? END : from;
  }

  private filter(checkpointReached: (position: LogPosition) => Promise<void> | void) {
    const f = this.options.filter;
    const reached = async (_sub: unknown, p: { commit: bigint; prepare: bigint }) => {
      await checkpointReached({ commit: p.commit, prepare: p.prepare });
    };
    if (f?.streamPrefixes) return streamNameFilter({ prefixes: [...f.streamPrefixes], checkpointReached: reached });
    if (f?.eventTypePrefixes) return eventTypeFilter({ prefixes: [...f.eventTypePrefixes], checkpointReached: reached });
    return undefined;
  }

  private async loop(): Promise<void> {
    let delay = this.options.retry?.initialMs ?? 100;
    const maxDelay = this.options.retry?.maxMs ?? 5_000;
    while (!this.stopped) {
      // The client reports a checkpoint as it decodes it, ahead of the records still buffered
      // before it: it is passed on only once those are handled, or a checkpoint stored from it
      // could pass records never written.
      let taken = 0;
      let handled = 0;
      const checkpoints: { after: number; position: LogPosition }[] = [];
      const filter = this.filter((position) => {
        if (!this.options.onCheckpoint) return;
        const after = taken + sub.readableLength;
        if (after > handled) checkpoints.push({ after, position });
        else return this.options.onCheckpoint?.(position);
      });
      const sub = this.client.subscribeToAll(
        { fromPosition: this.fromPosition(), ...(filter ? { filter } : {}) },
        this.options.bufferSize ? { highWaterMark: this.options.bufferSize } : {},
      );
      this.current = sub;
      let serverCaughtUp = false;
      let busy = false;
      const signalIfDone = () => {
        if (serverCaughtUp && !busy && sub.readableLength === 0 && !this.caughtUp) {
          this.caughtUp = true;
          this.options.onCaughtUp?.();
        }
      };
      sub.on('caughtUp', () => {
        serverCaughtUp = true;
        signalIfDone();
      });
      sub.on('fellBehind', () => {
        serverCaughtUp = false;
        this.caughtUp = false;
      });
      try {
        for await (const resolved of sub) {
          busy = true;
          taken += 1;
          let message: Recorded | undefined;
          try {
            message = toRecorded(resolved);
          } catch (error) {
            const e = resolved.event;
            const raw = {
              id: e?.id ?? '',
              type: e?.type ?? '',
              streamName: e?.streamId ?? '',
              position: e?.position ? { commit: e.position.commit, prepare: e.position.prepare } : undefined,
            };
            if (this.options.onInvalid) await this.options.onInvalid(error, raw);
            else this.log.error({ err: error, ...raw, position: undefined }, 'record breaks its contract; skipped');
          }
          try {
            if (message) {
              // Most messages are handled synchronously; awaiting only a promise saves a turn per message.
              const pending = this.options.handle(message);
              if (pending) await pending;
            }
            handled += 1;
            while (checkpoints.length > 0 && (checkpoints[0] as { after: number }).after <= handled) {
              // Taken off first: `onCheckpoint?.(…)` would not evaluate its argument when absent.
              const { position } = checkpoints.shift() as { position: LogPosition };
              await this.options.onCheckpoint?.(position);
            }
          } catch (error) {
            this.stopped = true;
            await sub.unsubscribe().catch(() => undefined);
            this.log.error({ err: error, type: message?.type, id: message?.id }, 'handler failed; subscription stopped');
            this.closing.reject(error);
            return;
          }
          const p = resolved.event?.position;
          if (p) this.lastPosition = { commit: p.commit, prepare: p.prepare };
          busy = false;
          delay = this.options.retry?.initialMs ?? 100;
          signalIfDone();
        }
        if (this.stopped) return;
        this.log.warn({}, 'subscription ended by the server; resubscribing');
      } catch (error) {
        if (this.stopped) return;
        this.log.warn({ err: error, retryInMs: delay }, 'subscription dropped; resubscribing');
      }
      this.caughtUp = false;
      await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random() / 2)));
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}
