import type * as grpc from '@grpc/grpc-js';

/**
 * Writes to a server stream honouring the client's flow control: when grpc-js
 * buffers past its high-water mark we wait for 'drain' before reading more
 * from SQLite, so a slow subscriber costs a bounded buffer, not the store.
 */
export class ResponseWriter {
  private cancelled = false;
  private readonly cancelledPromise: Promise<void>;

  constructor(private readonly call: grpc.ServerWritableStream<unknown, unknown>) {
    this.cancelledPromise = new Promise((resolve) => {
      const stop = () => {
        this.cancelled = true;
        resolve();
      };
      call.on('cancelled', stop);
      call.on('close', stop);
      call.on('error', stop);
    });
  }

  get isCancelled(): boolean {
    return this.cancelled || this.call.cancelled;
  }

  /** Resolves when the message may be followed by another, or when the call is gone. */
  async write(message: object): Promise<void> {
    if (this.isCancelled) return;
    if (!this.call.write(message)) {
      await Promise.race([new Promise((resolve) => this.call.once('drain', resolve)), this.cancelledPromise]);
    }
  }

  /** Waits for `signal` unless the call goes away first. */
  async until(signal: Promise<void>): Promise<void> {
    await Promise.race([signal, this.cancelledPromise]);
  }

  end(): void {
    if (!this.isCancelled) this.call.end();
  }

  fail(failure: Partial<grpc.StatusObject>): void {
    if (!this.isCancelled) this.call.emit('error', failure);
  }
}
