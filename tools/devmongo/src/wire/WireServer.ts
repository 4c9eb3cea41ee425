import net from 'node:net';
import type { Doc } from '../bson/paths.ts';
import { toMongoError } from '../MongoCommandError.ts';
import { decodeMessage, encodeReply, type WireRequest } from './wireMessages.ts';

export type CommandHandler = (command: Doc, connectionId: number) => Doc;

/** The server's maxMessageSizeBytes: a header declaring more (or less than a header) closes the connection at once. */
const maxMessageBytes = 48_000_000;

/**
 * What all connections together may hold of messages still arriving. A
 * message larger than `alwaysAcceptedBytes` reserves its declared length when
 * its header arrives; one that does not fit in what is left closes its
 * connection at once, before its bytes are buffered. Two full-size messages
 * fit, which drivers (one message in flight per connection) and the suite's
 * batches never approach; smaller messages are never refused, so handshakes
 * and ordinary commands keep flowing while the budget is taken.
 */
export const maxBufferedBytes = 128 * 1024 * 1024;
const alwaysAcceptedBytes = 1024 * 1024;

/**
 * TCP framing for the MongoDB wire protocol. Requests on one connection are
 * answered strictly in order and synchronously, which is what the drivers
 * expect of a server connection.
 */
export class WireServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private nextConnectionId = 1;
  /** Bytes reserved by partial messages larger than alwaysAcceptedBytes, across connections. */
  private reservedBytes = 0;

  constructor(private readonly handle: CommandHandler) {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    const connectionId = this.nextConnectionId++;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    // Chunks are only joined once a whole message is there: joining on every chunk
    // would copy a large insert batch hundreds of times.
    let chunks: Buffer[] = [];
    let buffered = 0;
    let needed = 4;
    // What the partial message at the front of `chunks` holds of the budget.
    let reserved = 0;
    const release = () => {
      this.reservedBytes -= reserved;
      reserved = 0;
    };
    const drop = () => {
      release();
      chunks = [];
      buffered = 0;
      socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      buffered += chunk.length;
      if (buffered < needed) return;
      let pending = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      const replies: Buffer[] = [];
      while (pending.length >= 4) {
        const length = pending.readInt32LE(0);
        if (length < 16 || length > maxMessageBytes) return drop();
        if (pending.length < length) {
          if (reserved === 0 && length > alwaysAcceptedBytes) {
            if (this.reservedBytes + length > maxBufferedBytes) return drop();
            reserved = length;
            this.reservedBytes += length;
          }
          break;
        }
        const message = pending.subarray(0, length);
        pending = pending.subarray(length);
        release();
        let request: WireRequest;
        try {
          request = decodeMessage(message);
        } catch {
          // A frame we cannot decode leaves the conversation unknowable: drop the connection.
          return drop();
        }
        if (request.moreToCome) {
          if (!request.refusal) this.handle(request.command, connectionId);
          continue;
        }
        try {
          const reply = request.refusal ? request.refusal.toErrorDocument() : this.handle(request.command, connectionId);
          replies.push(encodeReply(request, reply));
        } catch (error) {
          // A reply that cannot be encoded still gets an answer, so the driver never hangs.
          replies.push(encodeReply(request, toMongoError(error).toErrorDocument()));
        }
      }
      chunks = pending.length > 0 ? [pending] : [];
      buffered = pending.length;
      needed = pending.length >= 4 ? pending.readInt32LE(0) : 4;
      if (replies.length === 1) socket.write(replies[0] as Buffer);
      else if (replies.length > 1) socket.write(Buffer.concat(replies));
    });
    socket.on('error', () => drop());
    socket.on('close', () => {
      release();
      this.sockets.delete(socket);
    });
  }
}
