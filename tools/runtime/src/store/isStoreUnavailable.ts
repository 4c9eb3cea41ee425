import { CausewayError } from '@causeway/errors';
import { DeadlineExceededError, NotLeaderError, UnavailableError } from '@eventstore/db-client';
import { MongoError, MongoNetworkError, MongoServerSelectionError } from 'mongodb';

/**
 * MongoDB server codes that mean "this server cannot serve you right now"
 * (a restart, a step-down, an election): the same request succeeds later.
 * From MongoDB's error_codes.yml: HostUnreachable, HostNotFound,
 * NetworkTimeout, ShutdownInProgress, PrimarySteppedDown, SocketException,
 * NotWritablePrimary, InterruptedAtShutdown, InterruptedDueToReplStateChange,
 * NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary.
 */
const TRANSIENT_MONGO_CODES = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436]);

/**
 * Whether an error means a store is unreachable or not serving for the moment
 * (restarting, failing over, a dropped connection), so the same operation may
 * simply be tried again: a message is then neither wrong nor poison. Used by
 * the consumers to wait for the store instead of exiting, and by the edge to
 * answer 503 instead of 500.
 */
export function isStoreUnavailable(error: unknown): boolean {
  // The cause chain too: a bulk write that lost its connection is a MongoBulkWriteError around a
  // MongoNetworkError (its `errorResponse`), and the view writer wraps that in a CausewayError.
  for (let e = error, depth = 0; e && depth < 5; e = nextCause(e), depth += 1) {
    if (e instanceof CausewayError) {
      if (e.code === 'UNAVAILABLE') return true;
      continue;
    }
    if (e instanceof UnavailableError || e instanceof DeadlineExceededError || e instanceof NotLeaderError) return true;
    // A raw gRPC status (UNAVAILABLE 14, DEADLINE_EXCEEDED 4): the client passes the server-features
    // call it makes first after every reconnect through unconverted.
    const raw = e as { code?: unknown; details?: unknown; metadata?: unknown };
    if (typeof raw === 'object' && 'metadata' in raw && 'details' in raw && (raw.code === 14 || raw.code === 4)) return true;
    if (e instanceof MongoNetworkError || e instanceof MongoServerSelectionError) return true;
    if (e instanceof MongoError) {
      if (e.hasErrorLabel('RetryableWriteError') || e.hasErrorLabel('TransientTransactionError')) return true;
      if (typeof e.code === 'number' && TRANSIENT_MONGO_CODES.has(e.code)) return true;
    }
  }
  return false;
}

function nextCause(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  const { cause, errorResponse } = error as { cause?: unknown; errorResponse?: unknown };
  return cause ?? (errorResponse instanceof Error ? errorResponse : undefined);
}
