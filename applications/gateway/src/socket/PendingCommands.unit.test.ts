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
