import pDefer from 'p-defer';
import { formatPosition, sagaStatusOf, streamNames, type CatchUpSubscription, type Logger, type MessageStore, type Recorded } from '@causeway/runtime';
import type { EventRef, LifecycleStatus } from './lifecycle.ts';
import type { PendingCommand, PendingCommands } from './PendingCommands.ts';

/** A message of the log, as the socket edge reacts to it. */
export interface Followed {
  readonly ref: EventRef;
  /** The stream's category (`wallet`, `wallet:command`…), to find the aggregators it affects. */
  readonly category: string;
  /** The user command it belongs to, if this gateway saw that command. */
  readonly command?: PendingCommand;
  /** ENQUEUED for the command itself; the outcome for an event of it; undefined for a step of its chain. */
  readonly status?: LifecycleStatus;
}

function outcomeOf(type: string, rejections: ReadonlySet<string>): LifecycleStatus {
  if (type === 'CommandFailed') return 'FAILED';
  return rejections.has(type) ? 'REJECTED' : 'SUCCEEDED';
}

/**
 * Follows `$all` from its end (this instance's own subscription, so instances
 * scale out without a shared adapter), filtered to the suite's command and
 * entity streams. A command that starts a chain (its correlationId is its own
 * id) and names a user is remembered; an event is matched to it by
 * `causationId` (its direct outcome) or `correlationId` (a later step of its
 * saga chain, e.g. the FundsReserved and BidPlaced after a SubmitBid), and by
 * the user the event names (`metadata.userId`): by its sender, not by id alone.
 */
export async function followLog(options: {
  readonly store: MessageStore;
  readonly categories: readonly string[];
  /** Event types that are rule-based refusals (the manifest's, as command-status uses them): REJECTED, not SUCCEEDED. */
  readonly rejections: ReadonlySet<string>;
  readonly pending: PendingCommands;
  readonly onMessage: (followed: Followed) => void;
  readonly logger: Logger;
  /** Longest wait for the subscription to reach the live head before the gateway listens. */
  readonly readyWaitMs: number;
}): Promise<CatchUpSubscription> {
  const catchingUp = pDefer<void>();
  const ready = catchingUp.resolve;
  const caughtUp = catchingUp.promise;
  const subscription = options.store.subscribe({
    name: 'gateway-socket',
    from: 'end',
    filter: { streamPrefixes: options.categories.flatMap((c) => [streamNames.entityCategory(c), streamNames.commandCategory(c)]) },
    logger: options.logger,
    onCaughtUp: () => ready(),
    handle: (message) => options.onMessage(classify(message, options.pending, options.rejections)),
  });
  subscription.closed.catch((error: unknown) => options.logger.error({ err: error }, 'socket follower stopped'));
  // From the end there is nothing to catch up on; the wait only makes sure commands sent after start are seen.
  await Promise.race([caughtUp, new Promise((resolve) => setTimeout(resolve, options.readyWaitMs).unref())]);
  return subscription;
}

function classify(message: Recorded, pending: PendingCommands, rejections: ReadonlySet<string>): Followed {
  const category = streamNames.categoryOf(message.streamName);
  const ref: EventRef = { type: message.type, id: message.id, stream: message.streamName, position: formatPosition(message.position) };
  const { userId, causationId, correlationId } = message.metadata;
  if (category.endsWith(':command')) {
    if (correlationId !== message.id || typeof userId !== 'string') return { ref, category };
    const command: PendingCommand = { commandId: message.id, type: message.type, userId };
    pending.remember(command);
    return { ref, category, command, status: 'ENQUEUED' };
  }
  // The runtime carries the command's user to its outcomes and saga steps: an event is matched to the
  // command of that user, never to another user's command that happens to carry the same id.
  const actor = typeof userId === 'string' ? userId : undefined;
  const direct = pending.get(causationId, actor);
  const command = direct ?? pending.get(correlationId, actor);
  if (!command) return { ref, category };
  const status = sagaStatusOf(message.type) ?? (direct ? outcomeOf(message.type, rejections) : undefined);
  return { ref, category, command, ...(status ? { status } : {}) };
}
