import { randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { Command, InvalidArgumentError } from 'commander';
import { assertValidMessage, type CommandType, type MessageDataMap } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import { streamNames } from '@causeway/runtime';
import { openStore } from '../suite/connections.ts';
import { loadSuite, type SuiteRoute } from '@causeway/suite';

const count = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new InvalidArgumentError('must be an integer from 0 to 100000');
  return n;
};
const ITEMS = [
  'brass telescope',
  'oak writing desk',
  'silver pocket watch',
  'first-edition atlas',
  'ceramic vase',
  'mantel clock',
  'oil landscape',
  'leather armchair',
];

/** A password hash in the form the identity contract expects (scrypt$N$r$p$salt$hash). */
export function demoPasswordHash(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$16384$8$1$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/**
 * `causeway seed --auctions N --users M`: demo data through the command path
 * (validated commands on the streams the suite's routes name, exactly what an
 * application writes), so components decide on it as on any user's request.
 */
export function seedCommand(): Command {
  return new Command('seed')
    .description('load demo data as commands: users with funds, lots and auctions (password of every demo user: "demo-password")')
    .option('--users <m>', 'demo users (each gets a wallet with funds)', count, 10)
    .option('--auctions <n>', 'auctions, each with its lot document', count, 5)
    .action(async (opts: { users: number; auctions: number }) => {
      const suite = await loadSuite();
      const store = openStore();
      const routeOf = (type: CommandType): SuiteRoute => {
        const route = suite.routes.get(type);
        if (!route) throw new CausewayError('USAGE', `no package routes ${type}: the suite cannot take demo data yet`);
        return route;
      };
      const send = async <K extends CommandType>(type: K, data: MessageDataMap[K], userId?: string) => {
        assertValidMessage(type, data);
        const { category, id } = routeOf(type).target(data);
        await store.append(streamNames.command(category, id), [{ type, data, metadata: userId ? { userId } : {} }]);
      };
      try {
        const hash = demoPasswordHash('demo-password');
        const users: string[] = [];
        const emails: string[] = [];
        for (let i = 0; i < opts.users; i += 1) {
          const userId = randomUUID();
          users.push(userId);
          const email = `demo${i + 1}.${userId.slice(0, 6)}@example.com`;
          emails.push(email);
          await send('RegisterUser', { userId, email, displayName: `Demo ${i + 1}`, passwordHash: hash }, userId);
          await send('DepositFunds', { walletId: userId, amount: 100_000 + i * 1_000, currency: 'EUR' }, userId);
          if ((i + 1) % 50 === 0) process.stderr.write(`users ${i + 1}/${opts.users}\n`);
        }
        for (let i = 0; i < opts.auctions; i += 1) {
          const sellerId = users[i % Math.max(users.length, 1)] ?? randomUUID();
          const lotId = randomUUID();
          const title = `${ITEMS[i % ITEMS.length]} #${i + 1}`;
          await send('CreateDocument', { collection: 'lots', documentId: lotId, content: { title, description: `Demo lot ${i + 1}` } }, sellerId);
          await send(
            'OpenAuction',
            {
              auctionId: randomUUID(),
              sellerId,
              lotId,
              title,
              startingPrice: 1_000 + (i % 10) * 500,
              minimumIncrement: 100,
              currency: 'EUR',
              closesAt: new Date(Date.now() + (1 + (i % 24)) * 3_600_000).toISOString(),
            },
            sellerId,
          );
          if ((i + 1) % 50 === 0) process.stderr.write(`auctions ${i + 1}/${opts.auctions}\n`);
        }
        process.stdout.write(`seeded ${opts.users} users (password "demo-password") and ${opts.auctions} auctions\n`);
        // The logins, so the web page can be tried at once; a long list is cut, the rest follow the same pattern.
        const shown = emails.slice(0, 10);
        if (shown.length > 0)
          process.stdout.write(`log in as ${shown.join(', ')}${emails.length > shown.length ? ` and ${emails.length - shown.length} more` : ''}\n`);
      } finally {
        await store.close();
      }
    });
}
