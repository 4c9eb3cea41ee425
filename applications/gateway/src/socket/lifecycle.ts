import type { CommandStatus } from '@causeway/command-status-view';
/** Every status a `COMMAND/<TYPE>/<STATUS>` event can carry: the command's own, and the edge's. */
export type LifecycleStatus = 'FAILED_AUTHENTICATION' | 'FAILED_VALIDATION' | CommandStatus | 'PROJECTION_UPDATED';

/** An event as a lifecycle payload lists it: where it is, not what it says. */
export interface EventRef {
  readonly type: string;
  readonly id: string;
  readonly stream: string;
  readonly position: string;
}

export interface LifecyclePayload {
  readonly commandId: string;
  readonly status: LifecycleStatus;
  /** ISO time the gateway learned it. */
  readonly at: string;
  readonly events?: readonly EventRef[];
  /** PROJECTION_UPDATED: the aggregator (checkpoint name) that has applied the events. */
  readonly aggregator?: string;
  /** FAILED_*: the same problem the ack carries. */
  readonly error?: unknown;
}

/**
 * `DepositFunds` → `DEPOSIT_FUNDS`. Anything that is not a plain type name
 * (a client may send any string) becomes `UNKNOWN`, so an event name never
 * carries client-chosen punctuation.
 */
export function upperSnake(type: unknown): string {
  if (typeof type !== 'string' || !/^[A-Za-z][A-Za-z0-9]{0,99}$/.test(type)) return 'UNKNOWN';
  return type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export function lifecycleEventName(type: unknown, status: LifecycleStatus): string {
  return `COMMAND/${upperSnake(type)}/${status}`;
}
