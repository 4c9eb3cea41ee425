import type { GrpcCall } from './GrpcCall.ts';
import type { GrpcFailure } from './GrpcStatus.ts';

/**
 * Writes to a server stream honouring the client's flow control: when the
 * HTTP/2 stream buffers past its high-water mark we wait for 'drain' before reading more
 * from SQLite, so a slow subscriber costs a bounded buffer, not the store.
 *
 * Waits are plain listeners removed when they end. (Racing each wait against
 * one long-lived "cancelled" promise would pile a reaction onto that promise
 * per wait: a live subscription would leak memory with every event.)
 */
export class ResponseWriter {
  private cancelled = false;
  private readonly onCancel = new Set<() => void>();

  constructor(private readonly call: Pick<GrpcCall, 'cancelled' | 'write' | 'writeFrame' | 'end' | 'fail' | 'on' | 'once' | 'off'>) {
    call.on('cancelled', () => {
      this.cancelled = true;
      for (const wake of [...this.onCancel]) wake();
    });
  }

  get isCancelled(): boolean {
    return this.cancelled || this.call.cancelled;
  }

  /** Waits still pending (for tests: it must return to zero). */
  get waiting(): number {
    return this.onCancel.size;
  }

  /** Resolves when the message may be followed by another, or when the call is gone. */
  async write(message: object): Promise<void> {
    if (this.isCancelled) return;
    if (!this.call.write(message)) await this.drained();
  }

  /**
   * Sends a message already framed; false when the caller must wait for
   * `drained()` (or the call is gone) before sending more. Synchronous, as
   * reads send one per event and an await per event shows in profiles.
   */
  sendFrame(frame: Buffer): boolean {
    return !this.isCancelled && this.call.writeFrame(frame);
  }

  /** Resolves when the client has taken what was buffered, or when the call is gone. */
  drained(): Promise<void> {
    return this.wait((wake) => {
      this.call.once('drain', wake);
      return () => this.call.off('drain', wake);
    });
  }

  /** Waits for `signal` unless the call goes away first. */
  until(signal: Promise<void>): Promise<void> {
    return this.wait((wake) => {
      void signal.then(wake);
      return () => undefined;
    });
  }

  end(): void {
    if (!this.isCancelled) this.call.end();
  }

  fail(failure: GrpcFailure): void {
    if (!this.isCancelled) this.call.fail(failure);
  }

  private wait(subscribe: (wake: () => void) => () => void): Promise<void> {
    if (this.isCancelled) return Promise.resolve();
    return new Promise((resolve) => {
      let unsubscribe = () => undefined as void;
      const wake = () => {
        if (!this.onCancel.delete(wake)) return;
        unsubscribe();
        resolve();
      };
      this.onCancel.add(wake);
      unsubscribe = subscribe(wake);
    });
  }
}
