// Child process of crash.int.test.ts: serves a durable store and appends to it
// under load through the official client, printing one line per acknowledged
// append, until the test kills it with SIGKILL.
import crypto from 'node:crypto';
import { BACKWARDS, END, EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { startDevStore } from '../startDevStore.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crashChild <dataDir>');
const store = await startDevStore({ dataDir });
const client = EventStoreDBClient.connectionString(store.url);
const writers = 8;
const batch = 5;

// After a restart the writers carry on from what survived.
async function lastRevision(stream: string): Promise<bigint | 'no_stream'> {
  try {
    for await (const resolved of client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
      if (resolved.event) return resolved.event.revision;
    }
  } catch {
    // stream not found
  }
  return 'no_stream';
}

async function writer(index: number): Promise<never> {
  const stream = `crash-${index}`;
  let expected = await lastRevision(stream);
  for (let round = 0; ; round += 1) {
    const ids = Array.from({ length: batch }, () => crypto.randomUUID());
    const events = ids.map((id, i) => jsonEvent({ id, type: 'Loaded', data: { round, i } }));
    const result = await client.appendToStream(stream, events, { expectedRevision: expected });
    expected = result.nextExpectedRevision;
    process.stdout.write(`ack ${stream} ${result.nextExpectedRevision} ${result.position?.commit ?? ''} ${ids.join(',')}\n`);
  }
}

process.stdout.write('started\n');
await Promise.all(Array.from({ length: writers }, (_, i) => writer(i)));
