import { deterministicId, groupMemberFor, logger as rootLogger, streamNames, type ConsumerGroup, type Logger, type MessageStore, type Recorded } from '@causeway/runtime';

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
  timer?: ReturnType<typeof setTimeout>;
  backoffMs: number;
}

/** setTimeout's limit (about 24.8 days); a longer delay would fire at once. */
const MAX_DELAY = 2 ** 31 - 1;

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
  let armed = false;
  let stopped = false;

  const send = async (auctionId: string, due: Due): Promise<void> => {
    await store.append(streamNames.command(category, auctionId), [
      { id: deterministicId(auctionId, 'close'), type: 'CloseAuction', data: { auctionId }, metadata: { correlationId: due.correlationId, causationId: due.causeId } },
    ]);
  };

  const arm = (auctionId: string): void => {
    const due = schedule.get(auctionId);
    if (!due || stopped) return;
    if (due.timer) clearTimeout(due.timer);
    const wait = due.closesAt - Date.now();
    if (wait > 0) {
      // Re-checked on wake-up: timers may fire a little early, and long delays are chained.
      due.timer = setTimeout(() => arm(auctionId), Math.min(wait, MAX_DELAY));
      due.timer.unref();
      return;
    }
    due.timer = undefined;
    send(auctionId, due).then(
      () => {
        // Sent: the component closes it. AuctionClosed would remove it too, but there is no need to wait for it.
        if (schedule.get(auctionId) === due) schedule.delete(auctionId);
        log.info({ auctionId }, 'closing due auction');
      },
      (error: unknown) => {
        if (stopped) return;
        due.backoffMs = Math.min(Math.max(due.backoffMs * 2, 500), 30_000);
        log.warn({ err: error, auctionId, retryInMs: due.backoffMs }, 'sending CloseAuction failed; retrying');
        due.timer = setTimeout(() => arm(auctionId), due.backoffMs);
        due.timer.unref();
      },
    );
  };

  const handle = (message: Recorded) => {
    if (message.type === 'AuctionOpened') {
      const { auctionId, closesAt } = message.data;
      if (groupMemberFor(auctionId, group.size) !== group.member || schedule.has(auctionId)) return;
      schedule.set(auctionId, { closesAt: Date.parse(closesAt), causeId: message.id, correlationId: message.metadata.correlationId, backoffMs: 0 });
      if (armed) arm(auctionId);
    } else if (message.type === 'AuctionClosed') {
      const due = schedule.get(message.data.auctionId);
      if (due?.timer) clearTimeout(due.timer);
      schedule.delete(message.data.auctionId);
    }
  };

  let resolveCaughtUp!: () => void;
  const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));
  const subscription = store.subscribe({
    name: `${category}Closer`,
    from: 'start',
    filter: { streamPrefixes: [streamNames.entityCategory(category)] },
    handle,
    onCaughtUp: () => {
      // Arm only after catching up: the history may close an auction it opened, and that one must not be sent.
      if (!armed) {
        armed = true;
        for (const auctionId of schedule.keys()) arm(auctionId);
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
      for (const due of schedule.values()) if (due.timer) clearTimeout(due.timer);
      await subscription.stop();
    },
  };
}
