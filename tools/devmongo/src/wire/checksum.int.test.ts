import net from 'node:net';
import { serialize } from 'bson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevMongo, type DevMongo } from '../startDevMongo.ts';
import { crc32c } from './crc32c.ts';

let server: DevMongo;
beforeAll(async () => {
  server = await startDevMongo({ port: 0 });
});
afterAll(() => server.close());

/** An OP_MSG `ping` with flag bit 0 (checksumPresent) and the given checksum, or the right one. */
function pingWithChecksum(checksum?: number): Buffer {
  const body = Buffer.from(serialize({ ping: 1, $db: 'admin' }));
  const message = Buffer.alloc(16 + 4 + 1 + body.length + 4);
  message.writeInt32LE(message.length, 0);
  message.writeInt32LE(7, 4);
  message.writeInt32LE(0, 8);
  message.writeInt32LE(2013, 12);
  message.writeUInt32LE(1, 16);
  message.writeUInt8(0, 20);
  body.copy(message, 21);
  message.writeUInt32LE(checksum ?? crc32c(message.subarray(0, message.length - 4)), message.length - 4);
  return message;
}

/** Sends one message; what comes back before the server answers or closes (within a second). */
function exchange(message: Buffer): Promise<{ reply: Buffer; closed: boolean }> {
  const port = Number(new URL(server.url).port);
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(message));
    const chunks: Buffer[] = [];
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ reply: Buffer.concat(chunks), closed });
    };
    const timer = setTimeout(() => done(false), 1_000);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      if (all.length >= 4 && all.length >= all.readInt32LE(0)) done(false);
    });
    socket.on('close', () => done(true));
  });
}

describe('OP_MSG checksums', () => {
  it('checks CRC-32C against a known value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('answers a message whose checksum holds, and drops the connection without running one whose checksum is wrong', async () => {
    const good = await exchange(pingWithChecksum());
    expect(good.reply.length).toBeGreaterThan(16);
    expect(good.reply.readInt32LE(8)).toBe(7);
    const bad = await exchange(pingWithChecksum(0xdeadbeef));
    expect(bad).toEqual({ reply: Buffer.alloc(0), closed: true });
  });
});
