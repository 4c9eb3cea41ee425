import net from 'node:net';
import { deserialize, serialize, type Document } from 'bson';

let nextRequestId = 1;

/** A BSON document as bytes, for building frames by hand. */
export function bsonBytes(doc: Document): Buffer {
  return Buffer.from(serialize(doc));
}

/** An int32 little-endian, for section and document sizes that lie. */
export function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32LE(value | 0, 0);
  return buffer;
}

/**
 * An OP_MSG around the given section bytes, with a fresh request id.
 * `messageLength` overrides the header's length field (the frame is sent as built).
 */
export function opMsg(sections: Buffer, options: { flags?: number; messageLength?: number } = {}): { bytes: Buffer; requestId: number } {
  const requestId = nextRequestId++;
  const bytes = Buffer.concat([Buffer.alloc(20), sections]);
  bytes.writeInt32LE(options.messageLength ?? bytes.length, 0);
  bytes.writeInt32LE(requestId, 4);
  bytes.writeInt32LE(0, 8);
  bytes.writeInt32LE(2013, 12);
  bytes.writeUInt32LE(options.flags ?? 0, 16);
  return { bytes, requestId };
}

/** A kind-0 section holding `doc`. */
export function bodySection(doc: Document): Buffer {
  return Buffer.concat([Buffer.from([0]), bsonBytes(doc)]);
}

/** A kind-1 section with an honest size, or the given one. */
export function sequenceSection(identifier: string, docs: readonly Buffer[], size?: number): Buffer {
  const payload = Buffer.concat([Buffer.from(`${identifier}\0`, 'utf8'), ...docs]);
  return Buffer.concat([Buffer.from([1]), int32(size ?? payload.length + 4), payload]);
}

export interface RawReply {
  readonly responseTo: number;
  readonly doc: Document;
}

/**
 * One raw connection to the server: send bytes, wait for the next reply or
 * for the server to close the connection, whichever comes first. A generous
 * deadline only turns a hung server into a failure instead of a hung test.
 */
export class RawConnection {
  private readonly socket: net.Socket;
  private received = Buffer.alloc(0);
  private closedFlag = false;
  private waiter: (() => void) | undefined;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.waiter?.();
    });
    socket.on('close', () => {
      this.closedFlag = true;
      this.waiter?.();
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Resolves true once every byte has been handed to the kernel, false if the server closed first. */
  send(bytes: Buffer): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.closedFlag) return resolve(false);
      this.socket.write(bytes, (error) => resolve(!error));
    });
  }

  /** The next reply (OP_MSG or OP_REPLY), or `'closed'` if the server ended the connection instead. */
  async next(deadlineMs = 15_000): Promise<RawReply | 'closed'> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const reply = this.takeReply();
      if (reply) return reply;
      if (this.closedFlag) return 'closed';
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error('the server neither answered nor closed the connection before the deadline');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  /** Waits until the server has closed the connection (with a generous deadline). */
  async waitClosed(deadlineMs = 15_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    while (!this.closedFlag) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error('the server did not close the connection before the deadline');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private takeReply(): RawReply | undefined {
    if (this.received.length < 4) return undefined;
    const length = this.received.readInt32LE(0);
    if (this.received.length < length) return undefined;
    const message = this.received.subarray(0, length);
    this.received = this.received.subarray(length);
    const responseTo = message.readInt32LE(8);
    const opCode = message.readInt32LE(12);
    // OP_MSG: flags and a kind-0 byte before the body; OP_REPLY: a 20-byte prefix.
    const docAt = opCode === 2013 ? 21 : 36;
    return { responseTo, doc: deserialize(message.subarray(docAt)) };
  }
}
