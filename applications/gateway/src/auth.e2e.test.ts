import { randomUUID } from 'node:crypto';
import { emailKey } from '@causeway/identity';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from './createGateway.ts';
import { httpClient } from './testing/httpClient.ts';
import { openTab } from './testing/socketClient.ts';
import { startTestSuite, type TestSuite } from './testing/startTestSuite.ts';

let suite: TestSuite;
let http: ReturnType<typeof httpClient>;
beforeAll(async () => {
  suite = await startTestSuite();
  http = httpClient(suite.url);
});
afterAll(() => suite?.stop());

const password = 'correct horse battery';
const identityStreams = (email: string) => [`identity:command-${emailKey(email)}`, `identity-${emailKey(email)}`];

describe('POST /auth/register', () => {
  it('answers 201 with the user id and a token once registered; the password is stored hashed only', async () => {
    const email = `ada.${randomUUID()}@example.com`;
    const res = await http<{ userId: string; token: string }>('/auth/register', { json: { email, displayName: 'Ada', password } });
    expect(res.status).toBe(201);
    expect(res.body.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.token.split('.')).toHaveLength(3);
    const [commands, events] = await Promise.all(identityStreams(email).map((s) => suite.read(s)));
    expect(commands?.map((m) => m.type)).toEqual(['RegisterUser']);
    expect(events?.map((m) => m.type)).toEqual(['UserRegistered']);
    const hash = (commands?.[0]?.data as { passwordHash: string }).passwordHash;
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(JSON.stringify([...(commands ?? []), ...(events ?? [])].map((m) => m.data))).not.toContain(password);
    // The token works.
    const me = await http(`/documents/anything`, { token: res.body.token });
    expect(me.status).toBe(200);
  });

  it('answers 409 when the email is taken (any case or spacing), and writes nothing more', async () => {
    const email = `grace.${randomUUID()}@example.com`;
    expect((await http('/auth/register', { json: { email, displayName: 'Grace', password } })).status).toBe(201);
    const before = await Promise.all(identityStreams(email).map((s) => suite.read(s)));
    const res = await http('/auth/register', { json: { email: `  ${email.toUpperCase()} `, displayName: 'Other', password } });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, code: 'CONFLICT' });
    const after = await Promise.all(identityStreams(email).map((s) => suite.read(s)));
    expect(after.map((s) => s.length)).toEqual(before.map((s) => s.length));
  });

  it('answers 400 listing every violation, and writes nothing', async () => {
    const email = 'not-an-email';
    const res = await http<{ issues: { path: string }[]; code: string }>('/auth/register', { json: { email, displayName: '', password: 'short', extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    // One answer lists them all: the short password does not hide the bad email and the empty name.
    expect(res.body.issues.map((i) => i.path).sort()).toEqual(['data', 'data/displayName', 'data/email', 'data/password']);
    const missing = await http<{ issues: { message: string }[] }>('/auth/register', { json: { email: `x.${randomUUID()}@example.com`, password: 12 } });
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((i) => i.message).join(' ')).toMatch(/displayName[\s\S]*password|password[\s\S]*displayName/);
    for (const s of identityStreams(email)) expect(await suite.read(s)).toEqual([]);
    const nul = `ada\u0000.${randomUUID()}@example.com`;
    const withNul = await http<{ issues: { path: string }[] }>('/auth/register', {
      json: { email: nul, displayName: 'Ada', password: 'correct horse battery' },
    });
    expect(withNul.status).toBe(400);
    expect(withNul.body.issues.map((i) => i.path)).toEqual(['data/email']);
    for (const s of identityStreams(nul)) expect(await suite.read(s)).toEqual([]);
  });

  it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
    const res = await http('/auth/register', { raw: '{"email": "a@b.c",' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'MALFORMED_JSON', status: 400 });
  });
});

describe('POST /auth/login', () => {
  it('answers 200 with a token right after registration, whatever the email case', async () => {
    const { email, userId } = await suite.register();
    const res = await http<{ token: string }>('/auth/login', { json: { email: email.toUpperCase(), password: 'correct horse battery' } });
    expect(res.status).toBe(200);
    const sub = JSON.parse(Buffer.from(res.body.token.split('.')[1] as string, 'base64url').toString()).sub;
    expect(sub).toBe(userId);
  });

  it('answers 401 for a wrong password and for an unknown email, saying the same', async () => {
    const { email } = await suite.register();
    const wrong = await http('/auth/login', { json: { email, password: 'wrong password!' } });
    const unknown = await http('/auth/login', { json: { email: `nobody.${randomUUID()}@example.com`, password } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'email or password is wrong' });
    expect(unknown.body).toMatchObject({ detail: 'email or password is wrong' });
  });

  it('answers 400 for a body without the fields', async () => {
    const res = await http<{ issues: unknown[] }>('/auth/login', { json: { email: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.issues).toHaveLength(2);
  });
});

describe('read your writes and undecided registrations', () => {
  it('logs in a user the users view has not seen yet (the identity stream is the truth)', async () => {
    await suite.pause('aggregator:users');
    try {
      const { email, userId } = await suite.register();
      expect(await suite.db.collection<{ _id: string }>('user_credentials').findOne({ _id: email })).toBeNull();
      const res = await http<{ token: string }>('/auth/login', { json: { email, password } });
      expect(res.status).toBe(200);
      expect(JSON.parse(Buffer.from(res.body.token.split('.')[1] as string, 'base64url').toString()).sub).toBe(userId);
      expect((await http('/auth/login', { json: { email, password: 'not the password' } })).status).toBe(401);
    } finally {
      await suite.resume('aggregator:users');
    }
  });

  it('answers 202 with the command when the registration is not decided in time; it is decided later', async () => {
    const email = `slow.${randomUUID()}@example.com`;
    await suite.pause('component:identity');
    let accepted: { userId: string; commandId: string; position: string; stream: string };
    try {
      const quick = await startTestSuiteClient({ registerWaitMs: 50 });
      const res = await quick<typeof accepted>('/auth/register', { json: { email, displayName: 'Slow', password } });
      expect(res.status).toBe(202);
      accepted = res.body;
      expect(accepted.stream).toBe(`identity:command-${emailKey(email)}`);
      expect(accepted.position).toMatch(/^\d{20}\/\d{20}$/);
      expect((await http('/auth/login', { json: { email, password } })).status).toBe(401);
    } finally {
      await suite.resume('component:identity');
    }
    await expect.poll(async () => (await http('/auth/login', { json: { email, password } })).status).toBe(200);
  });
});

/** A second gateway on the same stores with other options (same secret, so tokens work on both). */
async function startTestSuiteClient(options: { registerWaitMs: number }) {
  const gateway = await createGateway({
    store: suite.store,
    db: suite.db,
    suite: suite.manifest,
    port: 0,
    host: '127.0.0.1',
    jwtSecret: suite.jwtSecret,
    ...options,
  });
  extraGateways.push(gateway);
  return httpClient(gateway.url);
}
const extraGateways: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const g of extraGateways) await g.close();
});

describe('login attempt limits', () => {
  it('counts 30 wrong passwords sent at once: only the account bound is answered 401, the rest 429 with Retry-After; the right password waits too', async () => {
    const limited = await startTestSuite({ loginLimits: { perAccount: 5, perAddress: 1_000 } });
    try {
      const client = httpClient(limited.url);
      const email = `guessed.${randomUUID()}@example.com`;
      expect((await client('/auth/register', { json: { email, displayName: 'Guessed', password } })).status).toBe(201);
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          fetch(`${limited.url}/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password: `wrong ${i} password` }),
          }),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(25);
      const refused = answers.find((a) => a.status === 429);
      expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused?.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
      expect((await client('/auth/login', { json: { email, password } })).status).toBe(429);
      // Another account from the same address is not held up by the first one's bound.
      const other = `other.${randomUUID()}@example.com`;
      expect((await client('/auth/register', { json: { email: other, displayName: 'Other', password } })).status).toBe(201);
      expect((await client('/auth/login', { json: { email: other, password } })).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('bounds attempts per client address across accounts', async () => {
    const limited = await startTestSuite({ loginLimits: { perAccount: 100, perAddress: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await fetch(`${limited.url}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `nobody${i}.${randomUUID()}@example.com`, password }),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.stop();
    }
  });
});

describe('the subject of a token', () => {
  /** A token signed with the gateway's own secret, with an expiry, for a user id nobody registered. */
  const tokenFor = (userId: string) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('causeway-gateway')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(suite.jwtSecret));

  it('must be a registered user: 401 UNKNOWN_SUBJECT over HTTP, GraphQL me and socket.io alike, and nothing is written', async () => {
    const stranger = randomUUID();
    const token = await tokenFor(stranger);
    const deposit = { walletId: stranger, amount: 100, currency: 'EUR' };
    const command = await http('/commands/DepositFunds', { token, json: deposit });
    expect(command.status).toBe(401);
    expect(command.headers.get('www-authenticate')).toBe('Bearer');
    expect(command.body).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'UNKNOWN_SUBJECT' });
    const me = await http('/graphql', { token, json: { query: '{ me { userId } }' } });
    expect(me.status).toBe(401);
    expect(me.body).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'UNKNOWN_SUBJECT' });
    const tab = await openTab(suite.url, token);
    try {
      const ack = await tab.socket.emitWithAck('command', { type: 'DepositFunds', data: deposit });
      expect(ack).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', reason: 'UNKNOWN_SUBJECT' } });
      // The handshake did not sign the connection in: a signed-in view is refused too.
      expect(await tab.socket.emitWithAck('watch', { view: 'dashboards', id: stranger })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    } finally {
      tab.close();
    }
    expect(await suite.read(`wallet:command-${stranger}`)).toEqual([]);
  });

  it('is known at once to the gateway that issued the token, even before the users view has the user', async () => {
    await suite.pause('aggregator:users');
    try {
      const { userId, token } = await suite.register();
      expect(await suite.db.collection('users').findOne({ _id: userId as never })).toBeNull();
      const res = await http('/commands/DepositFunds', { token, json: { walletId: userId, amount: 100, currency: 'EUR' } });
      expect(res.status).toBe(202);
    } finally {
      await suite.resume('aggregator:users');
    }
  });

  it('is found in the users view by another gateway instance (same secret)', async () => {
    const { userId, token } = await suite.register();
    const other = await startTestSuiteClient({ registerWaitMs: 5_000 });
    const res = await other('/commands/DepositFunds', { token, json: { walletId: userId, amount: 100, currency: 'EUR' } });
    expect(res.status).toBe(202);
  });
});
