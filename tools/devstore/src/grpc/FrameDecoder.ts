/** Why a request body could not be split into messages. */
export type FrameError = { readonly kind: 'compressed' } | { readonly kind: 'too-large'; readonly length: number };

/**
 * Splits a gRPC request body into messages: each is a 1-byte compressed flag,
 * a 4-byte big-endian length and the bytes. HTTP/2 DATA frames cut messages
 * anywhere, so partial headers and bodies are kept until the rest arrives.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxMessageLength: number) {}

  /** Bytes held for messages not yet complete. */
  get pending(): number {
    return this.buffered;
  }

  /** Drops what is held: the call is over. */
  clear(): void {
    this.chunks = [];
    this.buffered = 0;
  }

  /** Returns the messages completed by `chunk`, or the reason the body is unusable. */
  push(chunk: Buffer): Buffer[] | FrameError {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Buffer[] = [];
    while (this.buffered >= 5) {
      const head = this.peek(5);
      // We advertise no message encodings, so a compressed message is a client error.
      if (head[0] !== 0) return { kind: 'compressed' };
      const length = head.readUInt32BE(1);
      if (length > this.maxMessageLength) return { kind: 'too-large', length };
      if (this.buffered < 5 + length) break;
      messages.push(this.take(5 + length).subarray(5));
    }
    return messages;
  }

  private peek(length: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= length) return first;
    const joined = Buffer.concat(this.chunks);
    this.chunks = [joined];
    return joined;
  }

  private take(length: number): Buffer {
    const joined = this.peek(length);
    this.chunks[0] = joined.subarray(length);
    if (this.chunks[0].length === 0) this.chunks.shift();
    this.buffered -= length;
    return joined.subarray(0, length);
  }
}
