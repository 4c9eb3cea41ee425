import { randomUUID } from 'node:crypto';
import { COMMAND_STATUS } from '@causeway/command-status-view';
import { useTestStores } from '@causeway/runtime/testing';
import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commandStatusView } from './commandStatusView.ts';

const stores = useTestStores({ mongo: true });
// A client of its own that reports every command it sends, to count the queries.
let client: MongoClient;
const sent: CommandStartedEvent[] = [];
beforeAll(async () => {
  client = await new MongoClient(stores.urls().mongo as string, { monitorCommands: true }).connect();
  client.on('commandStarted', (event) => sent.push(event));
});
afterAll(async () => {
  await client?.close();
});

it('asks the view about ids looked up together in one query, and caches nothing', async () => {
  const db = client.db(stores.db().databaseName);
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  await db.collection<{ _id: string; stream: string }>(COMMAND_STATUS).insertMany([
    { _id: a, stream: `wallet:command-${a}` },
    { _id: b, stream: `auction:command-${b}` },
  ]);
  const view = commandStatusView(db, { name: 'command-status', categories: ['wallet:command', 'wallet', 'auction:command', 'auction'] });
  sent.length = 0;
  expect(await Promise.all([view.find(a), view.find(b), view.find(c)])).toEqual([
    { stream: `wallet:command-${a}` },
    { stream: `auction:command-${b}` },
    undefined,
  ]);
  const finds = sent.filter((e) => e.commandName === 'find');
  expect(finds).toHaveLength(1);
  expect(finds[0]?.command.filter).toEqual({ _id: { $in: [a, b, c] } });
  // Applied since the first answer: a later lookup sees it.
  await db.collection<{ _id: string; stream: string }>(COMMAND_STATUS).insertOne({ _id: c, stream: `wallet:command-${c}` });
  expect(await view.find(c)).toEqual({ stream: `wallet:command-${c}` });
});
