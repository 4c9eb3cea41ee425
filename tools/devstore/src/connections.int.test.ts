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
