import pDefer from 'p-defer';
import {
  deterministicId,
  groupMemberFor,
  logger as rootLogger,
  streamNames,
  type ConsumerGroup,
  type Logger,
  type MessageStore,
  type Recorded,
} from '@causeway/runtime';
import { DueTimers } from './DueTimers.ts';

export interface AuctionCloserOptions {
  readonly store: MessageStore;
  /** Entity category of the auctions (default `auction`). */
  readonly category?: string;
  /** Consumer group membership: this instance closes the auctions whose id hashes to `member`. */
  readonly group?: ConsumerGroup;
  readonly logger?: Logger;
}

export interface RunningAuctionCloser {
  /** Resolves once the log has been read to its head and every due auction has been armed. */
  readonly caughtUp: Promise<void>;
  /** Rejects if the subscription stops on an unexpected error. */
  readonly closed: Promise<void>;
  /** Auctions open and not yet sent their CloseAuction. */
  readonly pending: () => number;
  stop(): Promise<void>;
}

interface Due {
  readonly closesAt: number;
  /** The AuctionOpened that scheduled it: the cause of the CloseAuction. */
  readonly causeId: string;
  readonly correlationId: string;
  backoffMs: number;
}

/**
 * Closes due auctions by themselves. The event store is the durable
 * schedule: at start this reads the auction category from the beginning of
 * the log, keeps the closing time of every auction opened and not yet
 * closed, and once caught up arms a timer per auction (overdue ones fire at
 * once). When one fires it appends CloseAuction to the auction's command
 * stream with an id derived from the auction id, so a repeat after a
 * restart, or from a second instance, is the same command: the store keeps
 * it once and the component's fold knows it handled it. Nothing is stored
 * besides the log itself, so a restart loses nothing.
 */
export async function runAuctionCloser(options: AuctionCloserOptions): Promise<RunningAuctionCloser> {
  const { store } = options;
  const category = options.category ?? 'auction';
  const group = options.group ?? { size: 1, member: 0 };
  const log = (options.logger ?? rootLogger).child({ part: 'auctionCloser', category });
  const schedule = new Map<string, Due>();
  const timers = new DueTimers();
  let armed = false;
  let stopped = false;

  const send = (auctionId: string, due: Due): void => {
    if (stopped) return;
    store
      .append(streamNames.command(category, auctionId), [
        {
          id: deterministicId(auctionId, 'close'),
          type: 'CloseAuction',
          data: { auctionId },
          metadata: { correlationId: due.correlationId, causationId: due.causeId },
        },
      ])
      .then(
        () => {
          // Sent: the component closes it. AuctionClosed would remove it too, but there is no need to wait for it.
          if (schedule.get(auctionId) === due) schedule.delete(auctionId);
          log.info({ auctionId }, 'closing due auction');
        },
        (error: unknown) => {
          if (stopped) return;
          due.backoffMs = Math.min(Math.max(due.backoffMs * 2, 500), 30_000);
          log.warn({ err: error, auctionId, retryInMs: due.backoffMs }, 'sending CloseAuction failed; retrying');
          timers.set(auctionId, Date.now() + due.backoffMs, () => send(auctionId, due));
        },
      );
  };

  const arm = (auctionId: string, due: Due): void => timers.set(auctionId, due.closesAt, () => send(auctionId, due));

  const handle = (message: Recorded) => {
    if (message.type === 'AuctionOpened') {
      const { auctionId, closesAt } = message.data;
      if (groupMemberFor(auctionId, group.size) !== group.member || schedule.has(auctionId)) return;
      const due = { closesAt: Date.parse(closesAt), causeId: message.id, correlationId: message.metadata.correlationId, backoffMs: 0 };
      schedule.set(auctionId, due);
      if (armed) arm(auctionId, due);
    } else if (message.type === 'AuctionClosed') {
      timers.cancel(message.data.auctionId);
      schedule.delete(message.data.auctionId);
    }
  };

  const catchingUp = pDefer<void>();
  const resolveCaughtUp = catchingUp.resolve;
  const caughtUp = catchingUp.promise;
  const subscription = store.subscribe({
    name: `${category}Closer`,
    from: 'start',
    filter: { streamPrefixes: [streamNames.entityCategory(category)] },
    handle,
    onCaughtUp: () => {
      // Arm only after catching up: the history may close an auction it opened, and that one must not be sent.
      if (!armed) {
        armed = true;
        for (const [auctionId, due] of schedule) arm(auctionId, due);
        log.info({ pending: schedule.size }, 'closing schedule loaded');
      }
      resolveCaughtUp();
    },
    logger: log,
  });

  return {
    caughtUp,
    closed: subscription.closed,
    pending: () => schedule.size,
    async stop() {
      stopped = true;
      timers.clear();
      await subscription.stop();
    },
  };
}
