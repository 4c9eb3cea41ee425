import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevStore, type DevStore } from '@causeway/devstore';
import { MessageStore, type Recorded } from '@causeway/runtime';

const bin = path.resolve(import.meta.dirname, '../bin/causeway.js');
let devstore: DevStore;
beforeAll(async () => {
  devstore = await startDevStore({ port: 0 });
});
afterAll(() => devstore.close());

describe('causeway seed', () => {
  it('writes valid demo commands to the streams the suite routes them to', async () => {
    const out = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile(
        process.execPath,
        [bin, 'seed', '--users', '3', '--auctions', '2'],
        { env: { ...process.env, EVENTSTORE_URL: devstore.url, LOG_LEVEL: 'silent' } },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve({ stdout, stderr })),
      ),
    );
    expect(out.stdout).toContain('seeded 3 users (password "demo-password") and 2 auctions');
    expect(out.stdout).toMatch(/^log in as demo1\.[0-9a-f]{6}@example\.com, demo2\.[0-9a-f]{6}@example\.com, demo3\.[0-9a-f]{6}@example\.com$/m);
    const store = MessageStore.connect(devstore.url);
    const commands: Recorded[] = [];
    const sub = store.subscribe({
      filter: { streamPrefixes: ['identity:command-', 'wallet:command-', 'document:command-', 'auction:command-'] },
      handle: (m) => void commands.push(m),
    });
    await expect.poll(() => commands.length).toBe(3 + 3 + 2 + 2);
    await sub.stop();
    await store.close();
    const count = (type: string) => commands.filter((c) => c.type === type).length;
    expect([count('RegisterUser'), count('DepositFunds'), count('CreateDocument'), count('OpenAuction')]).toEqual([3, 3, 2, 2]);
    const register = commands.find((c) => c.type === 'RegisterUser') as Recorded<'RegisterUser'>;
    expect(register.data.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(register.metadata.userId).toBe(register.data.userId);
    const open = commands.find((c) => c.type === 'OpenAuction') as Recorded<'OpenAuction'>;
    expect(open.streamName).toBe(`auction:command-${open.data.auctionId}`);
    expect(commands.some((c) => c.type === 'CreateDocument' && (c.data as { documentId: string }).documentId === open.data.lotId)).toBe(true);
  });
});
