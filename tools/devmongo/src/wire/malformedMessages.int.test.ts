import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnDevMongo, type DevMongoProcess } from '../testing/devMongoProcess.ts';
import { RawConnection, bodySection, bsonBytes, int32, opMsg, sequenceSection } from '../testing/rawWire.ts';

// The server runs in a child process: a frame that made it spin would otherwise stop this test runner too.
let server: DevMongoProcess;
let port: number;
let client: MongoClient;

beforeAll(async () => {
  server = await spawnDevMongo();
  port = Number(new URL(server.url).port);
  client = new MongoClient(server.url, { serverSelectionTimeoutMS: 10_000, socketTimeoutMS: 20_000 });
});

afterAll(async () => {
  await client?.close();
  if (server && server.child.exitCode === null && server.child.signalCode === null) await server.kill9();
});

const ping = { ping: 1, $db: 'admin' };

/** Sends one frame on a fresh connection and returns what came back, then proves the connection still works if it stayed open. */
async function send(frame: { bytes: Buffer; requestId: number }) {
  const raw = await RawConnection.open(port);
  try {
    await raw.send(frame.bytes);
    const reply = await raw.next();
    if (reply === 'closed') return { closed: true as const };
    expect(reply.responseTo).toBe(frame.requestId);
    // The frame's length was sound, so the conversation is still in step: a good ping on the same connection is answered.
    const good = opMsg(bodySection(ping));
    await raw.send(good.bytes);
    const after = await raw.next();
    expect(after).not.toBe('closed');
    expect(after !== 'closed' && [after.responseTo, after.doc.ok]).toEqual([good.requestId, 1]);
    return { closed: false as const, doc: reply.doc };
  } finally {
    raw.close();
  }
}

async function driverStillPings(): Promise<void> {
  expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
}

describe('OP_MSG sections whose sizes lie', () => {
  it('answers the 40-byte ping whose kind-1 section has size -1 (0xFFFFFFFF) with Overflow instead of spinning', async () => {
    const frame = opMsg(Buffer.concat([bodySection({ ping: true }), Buffer.from([1]), int32(-1), Buffer.from('x\0', 'utf8')]));
    expect(frame.bytes.length).toBe(40);
    const result = await send(frame);
    expect(result).toMatchObject({ closed: false, doc: { ok: 0, code: 15, codeName: 'Overflow' } });
    await driverStillPings();
  });

  it.each([
    ['zero', 0],
    ['smaller than its own size field', 3],
    ['only its size field (no identifier)', 4],
    ['running past the end of the message', 1_000],
    ['negative', -5],
  ])('answers a kind-1 section whose size is %s with Overflow', async (_label, size) => {
    const frame = opMsg(Buffer.concat([bodySection(ping), sequenceSection('documents', [bsonBytes({ _id: 1 })], size)]));
    const result = await send(frame);
    expect(result).toMatchObject({ closed: false, doc: { ok: 0, code: 15, codeName: 'Overflow' } });
    await driverStillPings();
  });

  it('answers a kind-1 section whose identifier is not terminated inside it with Overflow', async () => {
    const section = Buffer.concat([Buffer.from([1]), int32(4 + 9), Buffer.from('documents', 'utf8')]);
    const result = await send(opMsg(Buffer.concat([bodySection(ping), section])));
    expect(result).toMatchObject({ closed: false, doc: { ok: 0, code: 15 } });
  });

  it('answers a document in a sequence that runs past its section with InvalidBSON', async () => {
    const doc = bsonBytes({ _id: 1, x: 'abcdef' });
    // The section claims four bytes fewer than the document it carries.
    const section = sequenceSection('documents', [doc], 4 + 10 + doc.length - 4);
    const frame = opMsg(Buffer.concat([bodySection({ insert: 'c', $db: 'x' }), section, Buffer.alloc(4)]));
    const result = await send(frame);
    expect(result).toMatchObject({ closed: false, doc: { ok: 0, code: 22, codeName: 'InvalidBSON' } });
    expect(await client.db('x').collection('c').countDocuments()).toBe(0);
  });

  it('answers a message with no body section, and one with two, as the server does', async () => {
    expect(await send(opMsg(Buffer.alloc(0)))).toMatchObject({ doc: { ok: 0, code: 40587 } });
    expect(await send(opMsg(Buffer.concat([bodySection(ping), bodySection(ping)])))).toMatchObject({ doc: { ok: 0, code: 40430 } });
  });
});

describe('BSON lengths that lie', () => {
  it.each([
    ['larger than the message', 1_000],
    ['smaller than the minimum of 5 bytes', 3],
    ['zero', 0],
    ['negative', -1],
  ])('answers a body whose length is %s with InvalidBSON', async (_label, length) => {
    const body = bsonBytes(ping);
    body.writeInt32LE(length, 0);
    const result = await send(opMsg(Buffer.concat([Buffer.from([0]), body])));
    expect(result).toMatchObject({ closed: false, doc: { ok: 0, code: 22, codeName: 'InvalidBSON' } });
    await driverStillPings();
  });

  it('answers a nested document longer than its parent with InvalidBSON', async () => {
    const body = bsonBytes({ insert: 'c', documents: [{ _id: 1, inner: { a: 1 } }], $db: 'x' });
    // The inner document's length field sits right after "inner\0"; make it claim far more than there is.
    const at = body.indexOf(Buffer.from('inner\0', 'utf8')) + 6;
    body.writeInt32LE(500, at);
    const result = await send(opMsg(Buffer.concat([Buffer.from([0]), body])));
    expect(result).toMatchObject({ closed: false, doc: { ok: 0, code: 22 } });
    expect(await client.db('x').collection('c').countDocuments()).toBe(0);
  });

  it('answers a string whose length runs past its document with InvalidBSON', async () => {
    const body = bsonBytes({ ping: 'pong', $db: 'admin' });
    const at = body.indexOf(Buffer.from('ping\0', 'utf8')) + 5;
    body.writeInt32LE(10_000, at);
    expect(await send(opMsg(Buffer.concat([Buffer.from([0]), body])))).toMatchObject({ doc: { ok: 0, code: 22 } });
  });
});

describe('message lengths out of bounds', () => {
  it.each([
    ['smaller than the 16-byte header', 12],
    ['zero', 0],
    ['negative', -1],
    ['above maxMessageSizeBytes (48,000,000)', 48_000_001],
    ['the largest int32', 0x7fffffff],
  ])('closes a connection whose messageLength is %s at once', async (_label, messageLength) => {
    const raw = await RawConnection.open(port);
    try {
      // Only the header is sent: the server must not wait for a body it will never accept.
      await raw.send(opMsg(Buffer.alloc(0), { messageLength }).bytes.subarray(0, 16));
      await raw.waitClosed();
    } finally {
      raw.close();
    }
    await driverStillPings();
  });

  it('answers an OP_MSG too short to hold its flags with an error', async () => {
    const frame = opMsg(Buffer.alloc(0));
    const short = frame.bytes.subarray(0, 18);
    short.writeInt32LE(18, 0);
    expect(await send({ bytes: short, requestId: frame.requestId })).toMatchObject({ closed: false, doc: { ok: 0, code: 15 } });
  });
});

describe('OP_QUERY handshakes whose lengths lie', () => {
  it('answers an OP_QUERY whose collection name is never terminated with an error reply', async () => {
    const requestId = 9_001;
    const name = Buffer.from('admin.$cmd', 'utf8');
    const message = Buffer.concat([Buffer.alloc(20), name]);
    message.writeInt32LE(message.length, 0);
    message.writeInt32LE(requestId, 4);
    message.writeInt32LE(2004, 12);
    expect(await send({ bytes: message, requestId })).toMatchObject({ closed: false, doc: { ok: 0, code: 15 } });
  });

  it('answers an OP_QUERY whose query document runs past the message with InvalidBSON', async () => {
    const requestId = 9_002;
    const query = bsonBytes({ isMaster: 1 });
    query.writeInt32LE(query.length + 100, 0);
    const message = Buffer.concat([Buffer.alloc(20), Buffer.from('admin.$cmd\0', 'utf8'), Buffer.alloc(8), query]);
    message.writeInt32LE(message.length, 0);
    message.writeInt32LE(requestId, 4);
    message.writeInt32LE(2004, 12);
    expect(await send({ bytes: message, requestId })).toMatchObject({ closed: false, doc: { ok: 0, code: 22 } });
  });
});
