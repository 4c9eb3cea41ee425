import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from './createGateway.ts';
import { httpClient, type HttpResult } from './testing/httpClient.ts';
import { startTestSuite, type TestSuite } from './testing/startTestSuite.ts';

let suite: TestSuite;
let http: ReturnType<typeof httpClient>;
let ada: { userId: string; token: string };
let bob: { userId: string; token: string };
beforeAll(async () => {
  suite = await startTestSuite({ bodyLimit: 1024 * 1024 });
  http = httpClient(suite.url);
  [ada, bob] = await Promise.all([suite.register(), suite.register()]);
});
afterAll(() => suite?.stop());

interface Accepted {
  commandId: string;
  position: string;
  stream: string;
}
interface Status {
  commandId: string;
  type: string;
  stream: string;
  status: string;
  events: { type: string; id: string; stream: string; position: string }[];
}

const deposit = (walletId: string, amount = 5_000) => ({ walletId, amount, currency: 'EUR' });

/** Polls GET /commands/<id> until the status is one of `until`. */
async function statusOf(token: string, commandId: string, until: readonly string[]): Promise<Status> {
  let last: HttpResult<Status> | undefined;
  await expect
    .poll(async () => {
      last = await http<Status>(`/commands/${commandId}`, { token });
      return until.includes(last.body?.status);
    })
    .toBe(true);
  return (last as HttpResult<Status>).body;
}

describe('POST /commands/<Type>', () => {
  it('answers 202 with the command id, its position and stream; GET /commands/<id> follows it to SUCCEEDED with its events', async () => {
    const res = await http<Accepted>('/commands/DepositFunds', { token: ada.token, json: deposit(ada.userId) });
    expect(res.status).toBe(202);
    expect(res.body.stream).toBe(`wallet:command-${ada.userId}`);
    expect(res.body.position).toMatch(/^\d{20}\/\d{20}$/);
    const [command] = await suite.read(res.body.stream);
    expect(command).toMatchObject({ id: res.body.commandId, type: 'DepositFunds', metadata: { userId: ada.userId } });
    const status = await statusOf(ada.token, res.body.commandId, ['SUCCEEDED']);
    expect(status).toMatchObject({ commandId: res.body.commandId, type: 'DepositFunds', stream: res.body.stream, status: 'SUCCEEDED' });
    expect(status.events.map((e) => [e.type, e.stream])).toEqual([['FundsDeposited', `wallet-${ada.userId}`]]);
  });

  it('takes Idempotency-Key as the command id: a repeat answers the same and writes nothing', async () => {
    const key = randomUUID();
    const first = await http<Accepted>('/commands/DepositFunds', { token: bob.token, json: deposit(bob.userId, 700), headers: { 'idempotency-key': key } });
    const again = await http<Accepted>('/commands/DepositFunds', { token: bob.token, json: deposit(bob.userId, 700), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(first.body.commandId).toBe(key);
    expect(again.body).toEqual(first.body);
    expect((await suite.read(first.body.stream)).filter((m) => m.id === key)).toHaveLength(1);
    await statusOf(bob.token, key, ['SUCCEEDED']);
    // Once the command-status view has it, the repeat is still answered the same.
    const later = await http<Accepted>('/commands/DepositFunds', { token: bob.token, json: deposit(bob.userId, 700), headers: { 'idempotency-key': key } });
    expect(later.body).toEqual(first.body);
    const events = await suite.read(`wallet-${bob.userId}`);
    expect(events.filter((e) => e.metadata.causationId === key)).toHaveLength(1);
    // The same key for something else is a conflict, and nothing is written.
    const reused = await http('/commands/DepositFunds', { token: bob.token, json: deposit(bob.userId, 701), headers: { 'idempotency-key': key } });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'CONFLICT' });
    const notUuid = await http('/commands/DepositFunds', { token: bob.token, json: deposit(bob.userId), headers: { 'idempotency-key': 'abc' } });
    expect(notUuid.status).toBe(400);
    expect((await suite.read(first.body.stream)).length).toBe(1);
  });

  it('one Idempotency-Key is one command under races: of requests sent at once with different bodies exactly one wins, the rest get 409', async () => {
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        http<Accepted>('/commands/DepositFunds', { token: bob.token, json: deposit(bob.userId, 100 + i), headers: { 'idempotency-key': key } }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409, 409, 409, 409, 409, 409]);
    const stored = (await suite.read(`wallet:command-${bob.userId}`)).filter((m) => m.id === key);
    expect(stored).toHaveLength(1);
    const winner = answers.findIndex((a) => a.status === 202);
    expect(stored[0]?.data).toEqual(deposit(bob.userId, 100 + winner));
  });

  it('one Idempotency-Key is one command under races: the same request sent at once gets one answer, written once', async () => {
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        http<Accepted>('/commands/DepositFunds', { token: bob.token, json: deposit(bob.userId, 77), headers: { 'idempotency-key': key } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect((await suite.read(`wallet:command-${bob.userId}`)).filter((m) => m.id === key)).toHaveLength(1);
  });

  it('one Idempotency-Key is one command across routes and gateway instances: a deposit and a document create racing on one key store one command', async () => {
    const second = await createGateway({ store: suite.store, db: suite.db, suite: suite.manifest, port: 0, host: '127.0.0.1', jwtSecret: suite.jwtSecret });
    try {
      const other = httpClient(second.url);
      for (let round = 0; round < 3; round += 1) {
        const key = randomUUID();
        const [a, b] = await Promise.all([
          http<Accepted>('/commands/DepositFunds', { token: ada.token, json: deposit(ada.userId, 5), headers: { 'idempotency-key': key } }),
          other<Accepted & { documentId: string }>('/documents/lots', { token: ada.token, json: { title: 'Race' }, headers: { 'idempotency-key': key } }),
        ]);
        expect([a.status, b.status].sort()).toEqual([202, 409]);
        const deposits = (await suite.read(`wallet:command-${ada.userId}`)).filter((m) => m.id === key);
        const documentStream = b.status === 202 ? b.body.stream : undefined;
        const documents = documentStream ? (await suite.read(documentStream)).filter((m) => m.id === key) : [];
        expect(deposits.length + documents.length).toBe(1);
      }
    } finally {
      await second.close();
    }
  });

  it('dryRun=true runs every check and writes nothing: 200 for a command that would be accepted, the usual refusal otherwise', async () => {
    const auctionId = randomUUID();
    const open = (title: string) => ({
      auctionId,
      sellerId: ada.userId,
      lotId: randomUUID(),
      title,
      startingPrice: 100,
      minimumIncrement: 10,
      currency: 'EUR',
      closesAt: '2030-01-01T00:00:00Z',
    });
    const ok = await http('/commands/OpenAuction?dryRun=true', { token: ada.token, json: open('Lamp') });
    expect(ok).toMatchObject({ status: 200, body: { valid: true, type: 'OpenAuction', stream: `auction:command-${auctionId}` } });
    const bad = await http<{ code: string; issues: unknown[] }>('/commands/OpenAuction?dryRun=true', { token: ada.token, json: open('') });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect((await http('/commands/CloseAuction?dryRun=true', { token: ada.token, json: { auctionId } })).status).toBe(403);
    expect(await suite.read(`auction:command-${auctionId}`)).toEqual([]);
  });

  it('answers 401 for a missing, expired or forged token, and writes nothing', async () => {
    const walletId = randomUUID();
    const key = new TextEncoder().encode(suite.jwtSecret);
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(walletId)
      .setIssuer('causeway-gateway')
      .setIssuedAt(1_000)
      .setExpirationTime(2_000)
      .sign(key);
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(walletId)
      .setIssuer('causeway-gateway')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not the secret at all, not at all'));
    const tampered = `${ada.token.slice(0, -4)}AAAA`;
    const cases: [string, Record<string, string>][] = [
      ['missing', {}],
      ['not bearer', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
      ['expired', { authorization: `Bearer ${expired}` }],
      ['forged', { authorization: `Bearer ${forged}` }],
      ['tampered', { authorization: `Bearer ${tampered}` }],
      ['garbage', { authorization: 'Bearer not.a.jwt' }],
    ];
    for (const [name, headers] of cases) {
      const res = await http('/commands/DepositFunds', { json: deposit(walletId), headers });
      expect(res.status, name).toBe(401);
      expect(res.headers.get('content-type'), name).toMatch(/^application\/problem\+json/);
      expect(res.body, name).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', type: 'urn:causeway:error:UNAUTHENTICATED', title: 'Unauthorized' });
    }
    expect(await suite.read(`wallet:command-${walletId}`)).toEqual([]);
    // GET routes need a token too.
    expect((await http(`/commands/${randomUUID()}`)).status).toBe(401);
    expect((await http('/documents/lots')).status).toBe(401);
  });

  it('answers 403 for acting for another user and for system commands, and writes nothing', async () => {
    const auctionId = randomUUID();
    const bid = { auctionId, bidId: randomUUID(), amount: 1_000, currency: 'EUR' };
    const cases: [string, unknown][] = [
      ['DepositFunds', deposit(bob.userId)],
      // Another spelling of one's own id names another wallet stream.
      ['DepositFunds', deposit(ada.userId.toUpperCase())],
      ['SubmitBid', { ...bid, bidderId: ada.userId, walletId: bob.userId }],
      ['SubmitBid', { ...bid, bidderId: bob.userId, walletId: ada.userId }],
      ['PlaceBid', { ...bid, bidderId: bob.userId }],
      // A bid no funds back, even for oneself: only the bidding saga places bids (SubmitBid reserves first).
      ['PlaceBid', { ...bid, bidderId: ada.userId }],
      ['PlaceBid', { ...bid, bidderId: ada.userId, amount: 1_000_000_000, reservationId: randomUUID() }],
      ['RetractBid', { auctionId, bidId: bid.bidId, bidderId: bob.userId }],
      [
        'OpenAuction',
        {
          auctionId,
          sellerId: bob.userId,
          lotId: randomUUID(),
          title: 'Lamp',
          startingPrice: 100,
          minimumIncrement: 10,
          currency: 'EUR',
          closesAt: '2030-01-01T00:00:00Z',
        },
      ],
      ['ReserveFunds', { walletId: ada.userId, reservationId: randomUUID(), amount: 1, currency: 'EUR' }],
      ['ReleaseFunds', { walletId: ada.userId, reservationId: randomUUID() }],
      ['CaptureFunds', { walletId: ada.userId, reservationId: randomUUID() }],
      ['CloseAuction', { auctionId }],
    ];
    const before = (await suite.read(`wallet:command-${ada.userId}`)).length;
    for (const [type, data] of cases) {
      const res = await http(`/commands/${type}`, { token: ada.token, json: data });
      expect(res.status, type).toBe(403);
      expect(res.body, type).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
    for (const stream of [
      `wallet:command-${bob.userId}`,
      `wallet:command-${ada.userId.toUpperCase()}`,
      `auction:command-${auctionId}`,
      `bidding:command-${bid.bidId}`,
    ]) {
      expect(
        (await suite.read(stream)).filter((m) => m.metadata.userId === ada.userId),
        stream,
      ).toEqual([]);
    }
    expect((await suite.read(`wallet:command-${ada.userId}`)).length).toBe(before);
  });

  it('answers 400 listing every schema violation, and writes nothing', async () => {
    const walletId = ada.userId;
    const before = (await suite.read(`wallet:command-${walletId}`)).length;
    const res = await http<{ issues: { pointer: string; message: string }[] }>('/commands/DepositFunds', {
      token: ada.token,
      json: { walletId, amount: -5, currency: 'euros', extra: true },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, type: 'urn:causeway:error:VALIDATION_FAILED' });
    const pointers = res.body.issues.map((i) => i.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/amount', '/currency']));
    expect(res.body.issues.some((i) => i.message.includes('extra'))).toBe(true);
    const notObject = await http('/commands/DepositFunds', { token: ada.token, json: [1, 2] });
    expect(notObject.status).toBe(400);
    const malformed = await http('/commands/DepositFunds', { token: ada.token, raw: '{"walletId": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'MALFORMED_JSON' });
    const poisoned = await http('/commands/DepositFunds', { token: ada.token, raw: '{"__proto__": {"admin": true}, "walletId": "x"}' });
    expect(poisoned.status).toBe(400);
    expect(poisoned.body).toMatchObject({ code: 'MALFORMED_JSON' });
    const empty = await http('/commands/DepositFunds', { token: ada.token, raw: '', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
    expect((await suite.read(`wallet:command-${walletId}`)).length).toBe(before);
  });

  it('answers 404 for an unknown type, an event type, and commands that have their own routes', async () => {
    for (const type of ['Teleport', 'FundsDeposited', 'depositfunds', 'RegisterUser', 'CreateDocument']) {
      const res = await http(`/commands/${type}`, { token: ada.token, json: {} });
      expect(res.status, type).toBe(404);
      expect(res.body, type).toMatchObject({ code: 'UNKNOWN_MESSAGE_TYPE', status: 404 });
    }
    expect((await http('/no/such/route', { token: ada.token })).body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('answers 413 for a body over 1 MiB, and writes nothing', async () => {
    const before = (await suite.read(`wallet:command-${ada.userId}`)).length;
    const huge = JSON.stringify({ ...deposit(ada.userId), padding: 'x'.repeat(1024 * 1024) });
    const res = await http('/commands/DepositFunds', { token: ada.token, raw: huge });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    expect((await suite.read(`wallet:command-${ada.userId}`)).length).toBe(before);
  });

  it('answers 415 for a body that is not JSON by its media type, JSON text under text/plain included, and writes nothing', async () => {
    const before = (await suite.read(`wallet:command-${ada.userId}`)).length;
    const res = await http('/commands/DepositFunds', { token: ada.token, raw: 'walletId=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const plain = await http('/commands/DepositFunds', {
      token: ada.token,
      raw: JSON.stringify(deposit(ada.userId)),
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
    expect(plain.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect((await suite.read(`wallet:command-${ada.userId}`)).length).toBe(before);
  });

  it('answers 400 for a body nested past the depth limit, however deep, writes nothing and keeps serving', async () => {
    const before = (await suite.read(`wallet:command-${ada.userId}`)).length;
    for (const depth of [100, 300_000]) {
      const nested = `{"walletId":"${ada.userId}","amount":1,"currency":"EUR","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const res = await http('/commands/DepositFunds', { token: ada.token, raw: nested });
      expect(res.status, `depth ${depth}`).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', detail: 'the body nests deeper than 64 levels' });
    }
    expect((await http<Accepted>('/commands/DepositFunds', { token: ada.token, json: deposit(ada.userId) })).status).toBe(202);
    expect((await suite.read(`wallet:command-${ada.userId}`)).length).toBe(before + 1);
  });
});

describe('GET /commands/<id>', () => {
  it('answers 404 for an unknown id and 403 for another user’s command', async () => {
    expect((await http(`/commands/${randomUUID()}`, { token: ada.token })).status).toBe(404);
    expect((await http('/commands/not-a-uuid', { token: ada.token })).status).toBe(404);
    const res = await http<Accepted>('/commands/DepositFunds', { token: ada.token, json: deposit(ada.userId) });
    await statusOf(ada.token, res.body.commandId, ['SUCCEEDED']);
    const other = await http(`/commands/${res.body.commandId}`, { token: bob.token });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('follows a SubmitBid through its saga, and shows a rejection', async () => {
    const seller = await suite.register();
    const auctionId = randomUUID();
    const opened = await http<Accepted>('/commands/OpenAuction', {
      token: seller.token,
      json: {
        auctionId,
        sellerId: seller.userId,
        lotId: randomUUID(),
        title: 'Brass telescope',
        startingPrice: 1_000,
        minimumIncrement: 100,
        currency: 'EUR',
        closesAt: '2030-01-01T00:00:00Z',
      },
    });
    expect(opened.status).toBe(202);
    await statusOf(seller.token, opened.body.commandId, ['SUCCEEDED']);
    const bidder = await suite.register();
    await statusOf(
      bidder.token,
      (await http<Accepted>('/commands/DepositFunds', { token: bidder.token, json: deposit(bidder.userId, 10_000) })).body.commandId,
      ['SUCCEEDED'],
    );

    const bidId = randomUUID();
    const submitted = await http<Accepted>('/commands/SubmitBid', {
      token: bidder.token,
      json: { auctionId, bidId, bidderId: bidder.userId, walletId: bidder.userId, amount: 1_200, currency: 'EUR' },
    });
    expect(submitted.status).toBe(202);
    expect(submitted.body.stream).toBe(`bidding:command-${bidId}`);
    const done = await statusOf(bidder.token, submitted.body.commandId, ['SAGA_SUCCEEDED', 'SAGA_FAILED', 'SAGA_ROLLBACK_SUCCEEDED', 'SAGA_ROLLBACK_FAILED']);
    expect(done.status).toBe('SAGA_SUCCEEDED');
    const types = done.events.map((e) => e.type);
    expect(types[0]).toBe('SagaInitiated');
    expect(types).toEqual(expect.arrayContaining(['FundsReserved', 'BidPlaced', 'SagaSucceeded']));

    // Below the starting price: the auction refuses, the saga releases the funds.
    const low = await http<Accepted>('/commands/SubmitBid', {
      token: bidder.token,
      json: { auctionId, bidId: randomUUID(), bidderId: bidder.userId, walletId: bidder.userId, amount: 10, currency: 'EUR' },
    });
    expect(low.status).toBe(202);
    const refused = await statusOf(bidder.token, low.body.commandId, ['SAGA_SUCCEEDED', 'SAGA_FAILED', 'SAGA_ROLLBACK_SUCCEEDED', 'SAGA_ROLLBACK_FAILED']);
    expect(refused.status).toBe('SAGA_ROLLBACK_SUCCEEDED');
    expect(refused.events.map((e) => e.type)).toEqual(expect.arrayContaining(['FundsReserved', 'BidRejected', 'FundsReleased']));
  });
});
