import type { Lifecycle } from './live.ts';

/** One step of a command, as the log shows it: an event of its chain, in words, at its place in the log. */
export interface Step {
  readonly key: string;
  /** The event's log position ('' for the command itself, which comes before all its events). */
  readonly position: string;
  readonly eventType: string;
  readonly label: string;
  /** First heard of (the gateway's time). */
  readonly at: string;
  readonly failed: boolean;
  /** Aggregators that have applied the event (PROJECTION_UPDATED). */
  readonly views: ReadonlySet<string>;
}

export interface CommandEntry {
  readonly commandId: string;
  /** The command type in words: SUBMIT_BID → "Submit bid". */
  readonly name: string;
  /** In log order, whatever the order the pushes came in. */
  readonly steps: readonly Step[];
}

// The saga's own bookkeeping: its steps' commands and outcomes show as the events they are (Funds reserved…).
const BOOKKEEPING = new Set(['SagaInitiated', 'SagaStepStarted', 'SagaStepSucceeded']);

const WORDS: Readonly<Record<string, string>> = {
  FundsDeposited: 'Funds deposited',
  FundsReserved: 'Funds reserved',
  FundsReservationRejected: 'Funds not reserved',
  FundsReleased: 'Funds released',
  FundsCaptured: 'Funds paid',
  FundsCredited: 'Proceeds credited',
  BidPlaced: 'Bid placed',
  BidRejected: 'Bid rejected',
  BidRetracted: 'Bid retracted',
  AuctionOpened: 'Auction opened',
  AuctionClosed: 'Auction closed',
  DocumentCreated: 'Document created',
  DocumentPatched: 'Document changed',
  DocumentReplaced: 'Document replaced',
  DocumentDeleted: 'Document deleted',
  DocumentCommandRejected: 'Document change refused',
  UserRegistered: 'Registered',
  UserRegistrationRejected: 'Registration refused',
  CommandFailed: 'Could not be handled',
  SagaSucceeded: 'Done',
  SagaFailed: 'Not completed',
  SagaRollbackInitiated: 'Undoing the earlier steps',
  SagaRollbackSucceeded: 'Earlier steps undone',
  SagaRollbackFailed: 'Undoing the earlier steps failed',
};
const FAILURES = new Set([
  'FundsReservationRejected',
  'BidRejected',
  'DocumentCommandRejected',
  'UserRegistrationRejected',
  'CommandFailed',
  'SagaFailed',
  'SagaRollbackFailed',
]);

/** "FundsReserved" → "Funds reserved", for an event type this page does not know yet. */
function inWords(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * An event of another user's wallet (a user's wallet id is the user's id). The gateway names every event of a
 * command's chain to its sender, and a bid's chain goes on in the settlement policy, which releases the
 * outbid bidder's funds: that release is the other bidder's money, not a step of this user's bid.
 */
export function isOthersMoney(stream: string, userId: string | undefined): boolean {
  return stream.startsWith('wallet-') && stream !== `wallet-${userId}`;
}

/** "SUBMIT_BID" (the push's name) → "Submit bid". */
function commandInWords(type: string): string {
  const words = type.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The user's commands and their steps, built from the gateway's lifecycle pushes. A step is keyed by its
 * event's id, so the dozen pushes about one event (its outcome, then one per view applying it) make one step;
 * steps sort by the event's log position, as the pushes may come out of order.
 */
export class CommandLog {
  private readonly entries = new Map<string, { commandId: string; name: string; steps: Map<string, Step> }>();

  /** `userId`: whose log this is; another user's wallet events are not part of it (see `isOthersMoney`). */
  constructor(
    private readonly userId: string | undefined,
    private readonly maxCommands = 100,
  ) {}

  /** Takes one push; answers the command it changed, or undefined when it changed nothing shown. */
  add(name: string, event: Lifecycle): CommandEntry | undefined {
    const [, type = 'UNKNOWN', status = event.status] = name.split('/');
    let entry = this.entries.get(event.commandId);
    const step = (key: string, fields: Omit<Step, 'key' | 'views' | 'at'>, view?: string) => {
      entry ??= this.open(event.commandId, type);
      const known = entry.steps.get(key);
      const views = new Set(known?.views ?? []);
      if (view) views.add(view);
      entry.steps.set(key, { ...fields, key, at: known?.at ?? event.at, views });
    };
    if (status === 'ENQUEUED') step('sent', { position: '', eventType: '', label: `${commandInWords(type)} sent`, failed: false });
    else if (status.startsWith('FAILED_'))
      step(status, { position: '', eventType: '', label: `Refused: ${event.error?.detail ?? event.error?.code ?? status}`, failed: true });
    for (const ref of event.events ?? []) {
      if (BOOKKEEPING.has(ref.type) || isOthersMoney(ref.stream, this.userId)) continue;
      const label = WORDS[ref.type] ?? inWords(ref.type);
      step(
        ref.id,
        { position: ref.position, eventType: ref.type, label, failed: status === 'REJECTED' || FAILURES.has(ref.type) },
        status === 'PROJECTION_UPDATED' ? event.aggregator : undefined,
      );
    }
    return entry && this.view(entry);
  }

  commands(): CommandEntry[] {
    return [...this.entries.values()].map((e) => this.view(e));
  }

  private open(commandId: string, type: string) {
    const entry = { commandId, name: commandInWords(type), steps: new Map<string, Step>() };
    this.entries.set(commandId, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxCommands) break;
      this.entries.delete(oldest);
    }
    return entry;
  }

  private view(entry: { commandId: string; name: string; steps: Map<string, Step> }): CommandEntry {
    const steps = [...entry.steps.values()].sort((a, b) => a.position.localeCompare(b.position) || a.key.localeCompare(b.key));
    return { commandId: entry.commandId, name: entry.name, steps };
  }
}
