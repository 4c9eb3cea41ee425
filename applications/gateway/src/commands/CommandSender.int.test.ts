import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { isCausewayError } from '@causeway/errors';
import { formatPosition, streamNames, type Recorded } from '@causeway/runtime';
import { useTestStores } from '@causeway/runtime/testing';
import { CommandSender, type CommandView } from './CommandSender.ts';

const stores = useTestStores();
const target = (walletId: string) => ({ category: 'wallet', id: walletId });
const deposit = (walletId: string, amount: number) => ({ walletId, amount, currency: 'EUR' });

/** A wallet command stream with `n` deposits, as the gateway writes them; returns them oldest first. */
async function walletWithDeposits(n: number): Promise<{ walletId: string; userId: string; sent: Recorded[] }> {
  const walletId = randomUUID();
  const userId = randomUUID();
  const sender = new CommandSender(stores.store(), { find: async () => undefined, follows: () => true, checkpoint: async () => undefined });
  for (let i = 1; i <= n; i += 1)
    await sender.send({ type: 'DepositFunds', data: deposit(walletId, i), target: target(walletId), userId, commandId: randomUUID() });
  const sent: Recorded[] = [];
  for await (const m of stores.store().readStream(streamNames.command('wallet', walletId))) sent.push(m);
  return { walletId, userId, sent };
}

it('finds a repeat the view does not show yet, however far back past one page it lies', async () => {
  const { walletId, userId, sent } = await walletWithDeposits(45);
  const oldest = sent[0] as Recorded;
  // A view that has seen nothing (its aggregator far behind): the stream is searched to its start.
  const sender = new CommandSender(stores.store(), { find: async () => undefined, follows: () => true, checkpoint: async () => undefined });
  const again = await sender.send({ type: 'DepositFunds', data: deposit(walletId, 1), target: target(walletId), userId, commandId: oldest.id });
  expect(again).toEqual({ commandId: oldest.id, position: formatPosition(oldest.position), stream: streamNames.command('wallet', walletId) });
  const after: Recorded[] = [];
  for await (const m of stores.store().readStream(streamNames.command('wallet', walletId))) after.push(m);
  expect(after).toHaveLength(45);
});

it('trusts the view up to its checkpoint: a repeat it knows is answered from the log, a conflict refused', async () => {
  const { walletId, userId, sent } = await walletWithDeposits(30);
  const stream = streamNames.command('wallet', walletId);
  const early = sent[2] as Recorded;
  const asked: string[] = [];
  const view: CommandView = {
    find: async (id) => (asked.push(id), id === early.id ? { stream } : undefined),
    follows: () => true,
    checkpoint: async () => formatPosition((sent[25] as Recorded).position),
  };
  const sender = new CommandSender(stores.store(), view);
  expect(await sender.send({ type: 'DepositFunds', data: deposit(walletId, 3), target: target(walletId), userId, commandId: early.id })).toMatchObject({
    commandId: early.id,
    position: formatPosition(early.position),
  });
  const conflict = await sender
    .send({ type: 'DepositFunds', data: deposit(walletId, 99), target: target(walletId), userId, commandId: early.id })
    .catch((e: unknown) => e);
  expect(isCausewayError(conflict, 'CONFLICT')).toBe(true);
  // A key the view does not know and the stream past the checkpoint does not hold is new.
  const fresh = randomUUID();
  const accepted = await sender.send({ type: 'DepositFunds', data: deposit(walletId, 5), target: target(walletId), userId, commandId: fresh });
  expect(accepted.commandId).toBe(fresh);
  expect(asked).toEqual([early.id, early.id, fresh]);
  // A key used on another stream is a conflict, and nothing is written.
  const other = randomUUID();
  const elsewhere = new CommandSender(stores.store(), {
    find: async () => ({ stream: streamNames.command('wallet', other) }),
    follows: () => true,
    checkpoint: async () => undefined,
  });
  const refused = await elsewhere
    .send({ type: 'DepositFunds', data: deposit(walletId, 7), target: target(walletId), userId, commandId: randomUUID() })
    .catch((e: unknown) => e);
  expect(isCausewayError(refused, 'CONFLICT')).toBe(true);
  const after: Recorded[] = [];
  for await (const m of stores.store().readStream(stream)) after.push(m);
  expect(after).toHaveLength(31);
});

it('never pairs a lookup with a checkpoint read after it (the view applying the command in between)', async () => {
  const { walletId, userId, sent } = await walletWithDeposits(3);
  const stream = streamNames.command('wallet', walletId);
  const last = sent[2] as Recorded;
  const beforeIt = formatPosition((sent[1] as Recorded).position);
  // The view applies `last` the moment it is first asked about it: a checkpoint read after
  // that lookup covers `last`, so trusting it would skip `last` in the stream and miss it.
  let applied = false;
  const view: CommandView = {
    follows: () => true,
    checkpoint: async () => (applied ? formatPosition(last.position) : beforeIt),
    find: async (id) => {
      const known = applied && id === last.id ? { stream } : undefined;
      applied = true;
      return known;
    },
  };
  const sender = new CommandSender(stores.store(), view);
  // Different data under the key: only finding the original tells that apart (the store would
  // take a second append of the same event id as already done, and answer 202).
  for (let i = 0; i < 3; i += 1) {
    const refused = await sender
      .send({ type: 'DepositFunds', data: deposit(walletId, 99), target: target(walletId), userId, commandId: last.id })
      .catch((e: unknown) => e);
    expect(isCausewayError(refused, 'CONFLICT')).toBe(true);
  }
  const after: Recorded[] = [];
  for await (const m of stores.store().readStream(stream)) after.push(m);
  expect(after).toHaveLength(3);
});

it('without an Idempotency-Key mints a fresh id and looks nothing up', async () => {
  const walletId = randomUUID();
  const userId = randomUUID();
  const asked: string[] = [];
  const view: CommandView = {
    find: async (id) => (asked.push(`find ${id}`), undefined),
    follows: () => true,
    checkpoint: async () => (asked.push('checkpoint'), undefined),
  };
  const sender = new CommandSender(stores.store(), view);
  const first = await sender.send({ type: 'DepositFunds', data: deposit(walletId, 1), target: target(walletId), userId });
  const second = await sender.send({ type: 'DepositFunds', data: deposit(walletId, 1), target: target(walletId), userId });
  expect(asked).toEqual([]);
  expect(first.commandId).toMatch(/^[0-9a-f-]{36}$/);
  expect(second.commandId).not.toBe(first.commandId);
  // The same data twice without a key is two commands, as the client asked.
  const written: Recorded[] = [];
  for await (const m of stores.store().readStream(streamNames.command('wallet', walletId))) written.push(m);
  expect(written.map((m) => m.id)).toEqual([first.commandId, second.commandId]);
});
