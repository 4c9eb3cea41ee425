import http2 from 'node:http2';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevStore, type DevStore } from './startDevStore.ts';

// What the store does with connections that misbehave at the HTTP/2 level,
// seen from raw sockets and raw HTTP/2 sessions (the official clients never do this).

let store: DevStore;

beforeAll(async () => {
  // Short keep-alive rounds so that a dead connection is noticed well within the tests' deadlines.
  store = await startDevStore({ keepAlive: { intervalMs: 100, timeoutMs: 400 } });
});

afterAll(async () => {
  await store.close();
});

const preface = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/** HTTP/2 frames in `bytes` (RFC 9113 §4.1): 3-byte length, type, flags, stream id, payload. */
function framesOf(bytes: Buffer): { type: number; payload: Buffer }[] {
  const frames: { type: number; payload: Buffer }[] = [];
  for (let at = 0; at + 9 <= bytes.length;) {
    const length = bytes.readUIntBE(at, 3);
    frames.push({ type: bytes[at + 3]!, payload: bytes.subarray(at + 9, at + 9 + length) });
    at += 9 + length;
  }
  return frames;
}

const GOAWAY = 7;
const FRAME_SIZE_ERROR = 6;

/** A unary call on its own HTTP/2 session: the status the store answers with. */
function serverFeatures(session: http2.ClientHttp2Session): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const request = session.request({
      ':method': 'POST',
      ':path': '/event_store.client.server_features.ServerFeatures/GetSupportedMethods',
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    let status: string | undefined;
    request.on('response', (headers) => (status ??= headers['grpc-status'] as string | undefined));
    request.on('trailers', (trailers) => (status ??= trailers['grpc-status'] as string | undefined));
    request.on('data', () => undefined);
    request.on('end', () => resolve(status));
    request.on('error', reject);
    request.end(Buffer.from([0, 0, 0, 0, 0]));
  });
}

describe('connection errors (RFC 9113 §5.4.1)', () => {
  it('closes the TCP connection after the GOAWAY for a malformed frame, and keeps serving other connections', async () => {
    const healthy = http2.connect(`http://127.0.0.1:${store.port}`);
    healthy.on('error', () => undefined);

    const socket = net.connect(store.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(preface);
    // A SETTINGS frame must be a multiple of 6 bytes long: 3 is a connection error of type FRAME_SIZE_ERROR.
    socket.write(Buffer.from([0, 0, 3, 4, 0, 0, 0, 0, 0, 1, 2, 3]));
    await closed;

    const goaway = framesOf(Buffer.concat(received)).find((frame) => frame.type === GOAWAY);
    expect(goaway?.payload.readUInt32BE(4)).toBe(FRAME_SIZE_ERROR);

    // The well-behaved session answered several keep-alive pings meanwhile and still works.
    let pings = 0;
    await new Promise<void>((resolve) => healthy.on('ping', () => ++pings === 3 && resolve()));
    expect(healthy.closed || healthy.destroyed).toBe(false);
    expect(await serverFeatures(healthy)).toBe('0');
    healthy.close();
  });

  it('closes a connection that stops answering keep-alive pings', async () => {
    const socket = net.connect(store.port, '127.0.0.1');
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    // A valid preface and SETTINGS, then silence: pings go unacknowledged, as with a peer that vanished.
    socket.write(preface);
    socket.write(Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]));
    socket.on('data', () => undefined);
    await closed;
  });
});

const MiB = 1024 * 1024;
const RESOURCE_EXHAUSTED = '8';
// A Delete request of zeros decodes as an empty request: the handler's answer shows the whole message reached it.
const REACHED_HANDLER = { status: '3', message: 'Stream name must not be empty.' };

/** A gRPC request on `session` whose body is written by the test; `status` is the store's answer. */
function openCall(session: http2.ClientHttp2Session, path = '/event_store.client.streams.Streams/Append') {
  const request = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers' });
  request.on('error', () => undefined);
  request.on('data', () => undefined);
  const status = new Promise<{ status: string | undefined; message: string | undefined }>((resolve) => {
    request.on(
      'response',
      (headers) => headers['grpc-status'] !== undefined && resolve({ status: String(headers['grpc-status']), message: String(headers['grpc-message']) }),
    );
    request.on('trailers', (trailers) => resolve({ status: String(trailers['grpc-status']), message: String(trailers['grpc-message']) }));
  });
  const closed = new Promise<void>((resolve) => request.on('close', () => resolve()));
  const write = (bytes: Buffer) => new Promise<void>((resolve, reject) => request.write(bytes, (error) => (error ? reject(error) : resolve())));
  return { request, status, closed, write };
}

/** The 5-byte gRPC message header: uncompressed, `length` bytes follow. */
function messageHeader(length: number): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(length, 1);
  return head;
}

/** Resolves once the store has processed every frame sent on `session` before it. */
const roundTrip = (session: http2.ClientHttp2Session) => new Promise<void>((resolve, reject) => session.ping((error) => (error ? reject(error) : resolve())));

describe('bytes buffered for incomplete request messages', () => {
  it('refuses, and resets, a message declared larger than 16 MiB, from its header alone', async () => {
    const session = http2.connect(`http://127.0.0.1:${store.port}`);
    const call = openCall(session);
    await call.write(Buffer.concat([messageHeader(16 * MiB + 1), Buffer.alloc(64 * 1024)]));
    expect(await call.status).toMatchObject({ status: RESOURCE_EXHAUSTED });
    // The client never ended its request: the stream closes because the store reset it (NO_ERROR), so the client stops sending.
    await call.closed;
    expect(call.request.rstCode).toBe(http2.constants.NGHTTP2_NO_ERROR);
    expect(await serverFeatures(session)).toBe('0');
    session.close();
  });

  it('refuses the stream that takes its connection over the limit, frees what it held, and leaves other connections alone', async () => {
    const small = await startDevStore({ maxBufferedPerConnection: 2 * MiB });
    try {
      const url = `http://127.0.0.1:${small.port}`;
      const greedy = http2.connect(url);
      const other = http2.connect(url);

      // 1.5 MiB of a 15 MiB message, held open: within the connection's 2 MiB.
      const held = openCall(greedy);
      await held.write(Buffer.concat([messageHeader(15 * MiB), Buffer.alloc(1.5 * MiB)]));
      await roundTrip(greedy);

      // Another connection buffers a whole 1.5 MiB message meanwhile: it reaches the handler, not refused.
      const elsewhere = openCall(other, '/event_store.client.streams.Streams/Delete');
      await elsewhere.write(Buffer.concat([messageHeader(1.5 * MiB), Buffer.alloc(1.5 * MiB)]));
      elsewhere.request.end();
      expect(await elsewhere.status).toEqual(REACHED_HANDLER);

      // One more MiB on the first connection is one too many.
      await held.write(Buffer.alloc(MiB));
      const refused = await held.status;
      expect(refused.status).toBe(RESOURCE_EXHAUSTED);
      expect(decodeURIComponent(refused.message ?? '')).toMatch(/incomplete request messages/);
      await held.closed;

      // What the refused stream held was given back: the same connection buffers 1.5 MiB again.
      const after = openCall(greedy, '/event_store.client.streams.Streams/Delete');
      await after.write(Buffer.concat([messageHeader(1.5 * MiB), Buffer.alloc(1.5 * MiB)]));
      after.request.end();
      expect(await after.status).toEqual(REACHED_HANDLER);
      expect(await serverFeatures(greedy)).toBe('0');
      greedy.close();
      other.close();
    } finally {
      await small.close();
    }
  });
});
