import type { Position, SeenEvent, SubscriptionLog } from './ConformanceClient.ts';

// Generous: a bound on waiting for an event that must come, not a timing assertion.
const waitLimitMs = 20_000;

/** Collects what a client subscription delivers; each adapter feeds it from its client's events. */
export class SubscriptionRecorder implements SubscriptionLog {
  readonly events: SeenEvent[] = [];
  readonly checkpoints: Position[] = [];
  eventsAtCaughtUp: number | undefined;
  confirmed = false;
  error: unknown;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly onStop: () => Promise<void>,
    private readonly flow: { pause(): void; resume(): void } = { pause: () => undefined, resume: () => undefined },
  ) {}

  pause(): void {
    this.flow.pause();
  }

  resume(): void {
    this.flow.resume();
  }

  event(event: SeenEvent): void {
    this.events.push(event);
    this.wake();
  }

  checkpoint(position: Position): void {
    this.checkpoints.push(position);
    this.wake();
  }

  caughtUp(): void {
    this.eventsAtCaughtUp ??= this.events.length;
    this.wake();
  }

  confirm(): void {
    this.confirmed = true;
    this.wake();
  }

  fail(error: unknown): void {
    this.error = error;
    this.wake();
  }

  async waitFor(predicate: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + waitLimitMs;
    while (!predicate()) {
      if (this.error !== undefined) throw new Error(`subscription failed while waiting for ${what}`, { cause: this.error });
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`gave up waiting for ${what}: ${this.events.length} events so far`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  stop(): Promise<void> {
    return this.onStop();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
