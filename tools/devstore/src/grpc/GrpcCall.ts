import { EventEmitter } from 'node:events';
import http2 from 'node:http2';
import { GrpcStatus, type GrpcFailure } from './GrpcStatus.ts';

const responseHeaders = { ':status': 200, 'content-type': 'application/grpc+proto', 'grpc-accept-encoding': 'identity' };

/** Header values must be printable ASCII; anything else is percent-encoded, as gRPC does for grpc-message. */
function headerValue(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) && !value.includes('%') ? value : encodeURIComponent(value);
}

function trailersOf(failure: GrpcFailure | undefined): Record<string, string> {
  if (!failure) return { 'grpc-status': '0' };
  const trailers: Record<string, string> = { 'grpc-status': String(failure.code), 'grpc-message': headerValue(failure.details) };
  for (const [key, value] of Object.entries(failure.trailers)) trailers[key] = headerValue(value);
  return trailers;
}

/**
 * One gRPC call on an HTTP/2 stream, with the little of grpc-js's call API the
 * handlers use: 'data' (a decoded request message), 'end' (the client
 * half-closed), 'cancelled' (the client went away first), 'drain'; `write`,
 * `end`, `fail`. Each message goes straight to the HTTP/2 stream: grpc-js's
 * server funnels every message through an object-mode Writable that waits for
 * the previous write to complete, which cost the store ~10 µs per event read.
 */
export class GrpcCall<Request = unknown> extends EventEmitter {
  /** The single request of a unary or server-streaming call. */
  request: Request = undefined as Request;
  private headersSent = false;
  private finished = false;
  private gone = false;

  constructor(
    private readonly stream: http2.ServerHttp2Stream,
    private readonly serialize: (message: object) => Buffer,
  ) {
    super();
    stream.on('drain', () => this.emit('drain'));
    // Closed before we ended it: the client cancelled, its deadline passed, or the connection dropped.
    stream.on('close', () => this.cancel());
    stream.on('aborted', () => this.cancel());
    // Stream errors (a reset mid-write) end the call; they must not crash the store.
    stream.on('error', () => this.cancel());
  }

  get cancelled(): boolean {
    return this.gone;
  }

  /** Sends one message; false once the client's window and our buffer are full: wait for 'drain'. */
  write(message: object): boolean {
    const body = this.serialize(message);
    const frame = Buffer.allocUnsafe(body.length + 5);
    frame[0] = 0;
    frame.writeUInt32BE(body.length, 1);
    body.copy(frame, 5);
    return this.writeFrame(frame);
  }

  /** Sends bytes already framed (flag, length, message): what readEventFrame produces. */
  writeFrame(frame: Buffer): boolean {
    if (this.finished || this.gone) return false;
    this.sendHeaders();
    return this.stream.write(frame);
  }

  /** Ends the call with status OK. */
  end(): void {
    this.finish(undefined, false);
  }

  /** Ends the call with an error status and its trailers. */
  fail(failure: GrpcFailure): void {
    this.finish(failure, false);
  }

  /**
   * Ends the call with an error status and then resets the stream with
   * NO_ERROR, which asks the client to stop sending a request the store will
   * not read (RFC 9113 §8.1): for refusals while the request is still coming.
   */
  refuse(failure: GrpcFailure): void {
    this.finish(failure, true);
  }

  /** Unary and client-streaming answer: one message, then OK. */
  respond(message: object): void {
    this.write(message);
    this.end();
  }

  private finish(failure: GrpcFailure | undefined, reset: boolean): void {
    if (this.finished || this.gone) return;
    this.finished = true;
    const trailers = trailersOf(failure);
    // node sends a NO_ERROR reset only after the response's last frame, so the status arrives first.
    const stopRequest = () => reset && this.stream.close(http2.constants.NGHTTP2_NO_ERROR);
    if (!this.headersSent) {
      // Trailers-only response: status in the one HEADERS frame.
      this.headersSent = true;
      this.stream.respond({ ...responseHeaders, ...trailers }, { endStream: true });
      stopRequest();
      return;
    }
    this.stream.once('wantTrailers', () => {
      this.stream.sendTrailers(trailers);
      stopRequest();
    });
    this.stream.end();
  }

  private sendHeaders(): void {
    if (this.headersSent) return;
    this.headersSent = true;
    this.stream.respond(responseHeaders, { waitForTrailers: true });
  }

  private cancel(): void {
    if (this.gone || this.finished) return;
    this.gone = true;
    this.emit('cancelled');
  }
}

export const unimplemented = (path: string): GrpcFailure => ({
  code: GrpcStatus.UNIMPLEMENTED,
  details: `The server does not implement ${path}`,
  trailers: {},
});
