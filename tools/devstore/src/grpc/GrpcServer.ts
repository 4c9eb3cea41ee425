import http2 from 'node:http2';
import type net from 'node:net';
import { ConnectionBudget } from './ConnectionBudget.ts';
import { FrameDecoder } from './FrameDecoder.ts';
import { GrpcCall, unimplemented } from './GrpcCall.ts';
import { GrpcStatus, type GrpcFailure } from './GrpcStatus.ts';
import { keepSessionAlive, type KeepAlive } from './keepSessionAlive.ts';

/** How a method's messages are (de)serialized and whether each side streams: what @grpc/proto-loader produces. */
export interface MethodDefinition {
  readonly path: string;
  readonly requestStream: boolean;
  readonly responseStream: boolean;
  readonly requestDeserialize: (bytes: Buffer) => unknown;
  readonly responseSerialize: (message: object) => Buffer;
  /** Used by tests that decode what the server sent. */
  readonly responseDeserialize: (bytes: Buffer) => unknown;
}

/**
 * A handler gets the call once its request is complete (unary and
 * server-streaming: `call.request`) or at once (client-streaming and bidi:
 * 'data' then 'end' events).
 */
export type MethodHandler = (call: GrpcCall<never>) => void;

export interface GrpcServerOptions {
  readonly host: string;
  readonly port: number;
  /** Largest request message accepted; larger ones end the call with RESOURCE_EXHAUSTED. */
  readonly maxReceiveMessageLength: number;
  /** Most bytes of incomplete request messages one connection may hold; the stream that would pass it is refused with RESOURCE_EXHAUSTED. */
  readonly maxBufferedPerConnection: number;
  /** Server pings; a connection that does not answer in time is closed (see keepSessionAlive). */
  readonly keepAlive: KeepAlive;
  readonly methods: ReadonlyMap<string, { readonly definition: MethodDefinition; readonly handler: MethodHandler }>;
}

export interface GrpcServer {
  readonly port: number;
  /** Stops listening and drops every connection (subscriptions never end by themselves). */
  close(): Promise<void>;
}

function dispatch(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, options: GrpcServerOptions, budget: ConnectionBudget): void {
  const path = String(headers[':path'] ?? '');
  const method = options.methods.get(path);
  const contentType = String(headers['content-type'] ?? '');
  if (headers[':method'] !== 'POST' || !contentType.startsWith('application/grpc')) {
    stream.on('error', () => undefined);
    stream.respond({ ':status': 415, 'content-type': 'text/plain' }, { endStream: true });
    return;
  }
  if (!method) {
    const call = new GrpcCall(stream, () => Buffer.alloc(0));
    stream.resume();
    call.fail(unimplemented(path));
    return;
  }
  const { definition, handler } = method;
  const call = new GrpcCall<never>(stream, definition.responseSerialize);
  const decoder = new FrameDecoder(options.maxReceiveMessageLength);
  const single = !definition.requestStream;
  let received = 0;
  let broken = false;
  // What this stream's incomplete messages hold of the connection's budget.
  let held = 0;
  const release = () => {
    budget.give(held);
    held = 0;
    decoder.clear();
  };
  // The request may still be coming: refuse it, reset the stream and give back what it held.
  const refuse = (failure: GrpcFailure) => {
    broken = true;
    release();
    call.refuse(failure);
  };
  stream.on('close', release);
  if (!single) handler(call);
  stream.on('data', (chunk: Buffer) => {
    if (broken || call.cancelled) return;
    const messages = decoder.push(chunk);
    if (!Array.isArray(messages)) {
      refuse(
        messages.kind === 'compressed'
          ? { code: GrpcStatus.UNIMPLEMENTED, details: 'Compressed messages are not supported: send them uncompressed.', trailers: {} }
          : {
              code: GrpcStatus.RESOURCE_EXHAUSTED,
              details: `Received message larger than max (${messages.length} vs. ${options.maxReceiveMessageLength})`,
              trailers: {},
            },
      );
      return;
    }
    if (!budget.take(decoder.pending - held)) {
      refuse({
        code: GrpcStatus.RESOURCE_EXHAUSTED,
        details: `The connection holds more than ${options.maxBufferedPerConnection} bytes of incomplete request messages: finish or cancel some calls first.`,
        trailers: {},
      });
      return;
    }
    held = decoder.pending;
    for (const bytes of messages) {
      let message: unknown;
      try {
        message = definition.requestDeserialize(bytes);
      } catch (error) {
        refuse({
          code: GrpcStatus.INTERNAL,
          details: `Error deserializing request: ${error instanceof Error ? error.message : String(error)}`,
          trailers: {},
        });
        return;
      }
      received += 1;
      if (single) {
        if (received > 1) {
          refuse({ code: GrpcStatus.UNIMPLEMENTED, details: `Received a second request message for ${path}`, trailers: {} });
          return;
        }
        call.request = message as never;
      } else call.emit('data', message);
    }
  });
  stream.on('end', () => {
    if (broken || call.cancelled) return;
    if (!single) return void call.emit('end');
    if (received === 0) {
      call.fail({ code: GrpcStatus.UNIMPLEMENTED, details: `No request message received for ${path}`, trailers: {} });
      return;
    }
    handler(call);
  });
}

/** A plaintext (h2c) gRPC server on node:http2. */
export async function startGrpcServer(options: GrpcServerOptions): Promise<GrpcServer> {
  const server = http2.createServer();
  const sessions = new Set<http2.ServerHttp2Session>();
  const budgets = new WeakMap<http2.ServerHttp2Session, ConnectionBudget>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => undefined);
    keepSessionAlive(session, options.keepAlive);
  });
  server.on('stream', (stream, headers) => {
    const session = stream.session as http2.ServerHttp2Session;
    let budget = budgets.get(session);
    if (!budget) budgets.set(session, (budget = new ConnectionBudget(options.maxBufferedPerConnection)));
    dispatch(stream, headers, options, budget);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let closing: Promise<void> | undefined;
  return {
    port: (server.address() as net.AddressInfo).port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const session of sessions) session.destroy();
      });
      return closing;
    },
  };
}
