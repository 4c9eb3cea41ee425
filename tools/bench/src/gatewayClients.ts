import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { GatewayHttp } from './gatewayHttp.ts';
import { nowMs, type Tracker } from './gatewayTracker.ts';

/** One simulated user: signed in, connected over socket.io, bidding on an auction of its own. */
export interface BenchClient {
  readonly userId: string;
  readonly token: string;
  readonly socket: Socket;
  auctionId: string;
  /** Bids rise by one each time, so a client's bids in order are all valid. */
  bids: number;
}

export const STARTING_PRICE = 100;

async function register(http: GatewayHttp): Promise<{ userId: string; token: string }> {
  const answer = await http.post('/auth/register', { email: `bench.${randomUUID()}@example.com`, displayName: 'Bench', password: 'correct horse battery' });
  if (answer.status !== 201) throw new Error(`registration answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as { userId: string; token: string };
}

async function connect(url: string, token: string, tracker: Tracker): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  socket.onAny((name: string, payload: Record<string, unknown>) => {
    if (name.startsWith('COMMAND/')) tracker.receive(payload);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Sends a command over HTTP for setup and waits for its SUCCEEDED on the user's socket. */
async function sendAndSettle(http: GatewayHttp, tracker: Tracker, token: string, type: string, data: unknown): Promise<void> {
  const id = randomUUID();
  tracker.start(id, 'setup', nowMs());
  const answer = await http.post(`/commands/${type}`, data, { authorization: `Bearer ${token}`, 'idempotency-key': id });
  if (answer.status !== 202) throw new Error(`${type} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  await tracker.waitFor(id, (t) => t.first.has('SUCCEEDED'), 30_000);
}

/** Runs `fn` over `items` with at most `limit` at once (registration hashes a password: CPU-bound). */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

/**
 * Registers a seller and `n` bidders, connects each over socket.io, deposits
 * ample funds for every bidder and has the seller open one auction per bidder
 * (a seller may not bid on its own lot; one auction per bidder keeps bids from
 * different clients from outbidding each other's in-flight amounts).
 */
export async function setUpClients(
  url: string,
  http: GatewayHttp,
  tracker: Tracker,
  n: number,
  progress: (line: string) => void,
): Promise<{ clients: BenchClient[]; seller: Socket }> {
  const seller = await register(http);
  const sellerSocket = await connect(url, seller.token, tracker);
  const clients: BenchClient[] = [];
  await eachLimited(
    Array.from({ length: n }, (_, i) => i),
    4,
    async () => {
      const user = await register(http);
      clients.push({ ...user, socket: await connect(url, user.token, tracker), auctionId: randomUUID(), bids: 0 });
    },
  );
  progress(`  ${n} bidders registered and connected; depositing and opening ${n} auctions`);
  const closesAt = new Date(Date.now() + 3 * 3600_000).toISOString();
  await eachLimited(clients, 8, async (c) => {
    await sendAndSettle(http, tracker, c.token, 'DepositFunds', { walletId: c.userId, amount: 1_000_000_000_000, currency: 'EUR' });
    await sendAndSettle(http, tracker, seller.token, 'OpenAuction', {
      auctionId: c.auctionId,
      sellerId: seller.userId,
      lotId: randomUUID(),
      title: `Bench lot for ${c.userId.slice(0, 8)}`,
      startingPrice: STARTING_PRICE,
      minimumIncrement: 1,
      currency: 'EUR',
      closesAt,
    });
  });
  return { clients, seller: sellerSocket };
}
