import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnDevMongo, type DevMongoProcess } from '../testing/devMongoProcess.ts';
import { RawConnection, bodySection, bsonBytes, opMsg, sequenceSection } from '../testing/rawWire.ts';
import { maxBufferedBytes } from './WireServer.ts';

let server: DevMongoProcess;
let port: number;
let client: MongoClient;
const raws: RawConnection[] = [];

beforeAll(async () => {
  server = await spawnDevMongo();
  port = Number(new URL(server.url).port);
  client = new MongoClient(server.url, { serverSelectionTimeoutMS: 10_000 });
});

afterAll(async () => {
  for (const raw of raws) raw.close();
  await client?.close();
  if (server && server.child.exitCode === null && server.child.signalCode === null) await server.kill9();
});

/** A valid insert of about 40 MB: 38 documents of about 1 MiB in a kind-1 sequence. */
function bigInsert(): { bytes: Buffer; requestId: number; documents: number } {
  const docs = Array.from({ length: 38 }, (_, i) => bsonBytes({ s: String(i).padEnd(1_048_000, '.') }));
  const frame = opMsg(Buffer.concat([bodySection({ insert: 'held', $db: 'budget' }), sequenceSection('documents', docs)]));
  return { ...frame, documents: docs.length };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('holds only as many partial large messages as its buffer budget allows, closing the rest at once; small traffic and the held ones keep working', async () => {
  const message = bigInsert();
  expect(message.bytes.length).toBeGreaterThan(39_000_000);
  expect(message.bytes.length).toBeLessThan(48_000_000);
  const fits = Math.floor(maxBufferedBytes / message.bytes.length);
  expect(fits).toBeLessThan(8);

  // Eight clients each start a 40 MB message and stop after its header, as a client holding memory hostage would.
  for (let i = 0; i < 8; i++) raws.push(await RawConnection.open(port));
  await Promise.all(raws.map((raw) => raw.send(message.bytes.subarray(0, 16))));
  await until(() => raws.filter((raw) => raw.closed).length === 8 - fits, `${8 - fits} connections are closed`);
  const held = raws.filter((raw) => !raw.closed);
  expect(held).toHaveLength(fits);

  // Small messages are never refused for the budget: the driver's handshake, commands and writes go on.
  const views = client.db('budget').collection<{ _id: string; n: number }>('views');
  await views.insertOne({ _id: 'v', n: 1 });
  expect(await views.findOne({ _id: 'v' })).toEqual({ _id: 'v', n: 1 });

  // The messages that were let in complete normally, and finishing them frees the budget for the next one.
  for (const raw of held) {
    await raw.send(message.bytes.subarray(16));
    const reply = await raw.next();
    expect(reply !== 'closed' && reply.doc).toMatchObject({ ok: 1, n: message.documents });
  }
  const next = await RawConnection.open(port);
  raws.push(next);
  await next.send(message.bytes);
  const reply = await next.next();
  expect(reply !== 'closed' && reply.doc).toMatchObject({ ok: 1, n: message.documents });
  expect(await client.db('budget').collection('held').countDocuments()).toBe((fits + 1) * message.documents);
});
