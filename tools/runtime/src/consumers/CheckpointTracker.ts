import type { LogPosition } from '../messages/LogPosition.ts';

/**
 * Messages are handled concurrently across entities, so they finish out of
 * order. The checkpoint that is safe to store is the position of the newest
 * message such that it and every message before it have finished: the watermark.
 */
export class CheckpointTracker {
  private readonly pending: { position: LogPosition; done: boolean }[] = [];
  private mark: LogPosition | undefined;

  constructor(initial?: LogPosition) {
    this.mark = initial;
  }

  /** Registers a message as started; call `done` on the returned handle when it has finished. */
  begin(position: LogPosition): () => void {
    const entry = { position, done: false };
    this.pending.push(entry);
    return () => {
      entry.done = true;
      while (this.pending.length > 0 && (this.pending[0] as { done: boolean }).done) {
        this.mark = (this.pending.shift() as { position: LogPosition }).position;
      }
    };
  }

  /** A message that needs no work (another group member's, a duplicate) still moves the mark when nothing is before it. */
  skip(position: LogPosition): void {
    this.begin(position)();
  }

  get watermark(): LogPosition | undefined {
    return this.mark;
  }

  get inFlight(): number {
    return this.pending.length;
  }
}
