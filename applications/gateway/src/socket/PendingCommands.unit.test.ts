import { describe, expect, it } from 'vitest';
import { PendingCommands } from './PendingCommands.ts';

const command = (n: number) => ({ commandId: `c${n}`, type: 'DepositFunds', userId: `u${n}` });

describe('PendingCommands', () => {
  it('forgets a command after its lifetime', () => {
    let now = 0;
    const pending = new PendingCommands(1_000, 10, () => now);
    pending.remember(command(1));
    now = 999;
    expect(pending.get('c1')).toEqual(command(1));
    now = 1_000;
    expect(pending.get('c1')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest first', () => {
    const pending = new PendingCommands(60_000, 3, () => 0);
    for (let n = 1; n <= 5; n += 1) pending.remember(command(n));
    expect(pending.size).toBe(3);
    expect(['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => pending.get(id)?.userId)).toEqual([undefined, undefined, 'u3', 'u4', 'u5']);
  });
});

describe('PendingCommands: one id, two senders', () => {
  const ada = { commandId: 'same', type: 'DepositFunds', userId: 'ada' };
  const bob = { commandId: 'same', type: 'DepositFunds', userId: 'bob' };

  it("keeps each sender's command: the later one does not take over the earlier", () => {
    const pending = new PendingCommands(60_000, 10, () => 0);
    pending.remember(ada);
    pending.remember(bob);
    expect(pending.get('same', 'ada')).toEqual(ada);
    expect(pending.get('same', 'bob')).toEqual(bob);
    expect(pending.get('same', 'eve')).toBeUndefined();
  });

  it('gives an event that names no user to the only sender, and to nobody when the id has two', () => {
    const pending = new PendingCommands(60_000, 10, () => 0);
    pending.remember(ada);
    expect(pending.get('same')).toEqual(ada);
    pending.remember(bob);
    expect(pending.get('same')).toBeUndefined();
  });

  it('forgets both on expiry and past the bound', () => {
    let now = 0;
    const pending = new PendingCommands(1_000, 1, () => now);
    pending.remember(ada);
    pending.remember(bob);
    expect(pending.size).toBe(1);
    expect(pending.get('same')).toEqual(bob);
    now = 1_000;
    expect(pending.get('same', 'bob')).toBeUndefined();
    expect(pending.size).toBe(0);
  });
});
