import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSuite, type TestSuite } from '../testing/startTestSuite.ts';
import { graphqlPlugin } from './graphqlPlugin.ts';
import { graphqlTestKit } from '../testing/graphqlTestKit.ts';

let suite: TestSuite;
let kit: ReturnType<typeof graphqlTestKit>;
let user: { userId: string; token: string };
beforeAll(async () => {
  suite = await startTestSuite({ plugins: [graphqlPlugin()] });
  kit = graphqlTestKit(suite);
  user = await suite.register();
});
afterAll(() => suite?.stop());

/** `me { bids { auction { bids { auction … } } } }` nested `levels` times: the schema's one cycle. */
function nested(levels: number): string {
  let inner = 'bidId';
  for (let i = 0; i < levels; i++) inner = `auction { bids { ${inner} } }`;
  return `{ me { bids { ${inner} } } }`;
}

describe('limits', () => {
  it('refuses a query deeper than 8 fields before running it, naming the limit (400 DEPTH_LIMIT_EXCEEDED)', async () => {
    const ok = await kit.gql(nested(2), { token: user.token }); // depth 7
    expect(ok.body.errors).toBeUndefined();
    expect(ok.status).toBe(200);
    const deep = await kit.gql(nested(3), { token: user.token }); // depth 9
    expect(deep.status).toBe(400);
    expect(deep.body.data).toBeUndefined();
    // (It is costly too: every limit broken is listed.)
    expect(deep.body.errors).toContainEqual(
      expect.objectContaining({ message: 'query depth 9 exceeds the depth limit of 8', extensions: { code: 'DEPTH_LIMIT_EXCEEDED', limit: 8, depth: 9 } }),
    );
    // Fragments count where they are spread.
    const viaFragment = await kit.gql(`{ me { ...M } } fragment M on Me { bids { auction { bids { auction { bids { auction { bids { bidId } } } } } } } }`, {
      token: user.token,
    });
    expect(viaFragment.body.errors?.[0]?.extensions).toMatchObject({ code: 'DEPTH_LIMIT_EXCEEDED' });
  });

  it('refuses a query whose estimated cost is over 2000 (400 COST_LIMIT_EXCEEDED), counting first and variables at their worst', async () => {
    const wide = `{ auctions(first: 100) { edges { node { id bids { bidId auction { id title } } } } } }`;
    const res = await kit.gql(wide);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^query cost \d+ exceeds the cost limit of 2000$/),
      extensions: { code: 'COST_LIMIT_EXCEEDED', limit: 2000 },
    });
    // The same selection on a small page is served.
    const small = await kit.gql(`{ auctions(first: 5) { edges { node { id bids { bidId auction { id title } } } } } }`);
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
    // `first` from a variable counts as the largest page (100), whatever the variable holds.
    const byVariable = await kit.gql(`query($n: Int) { auctions(first: $n) { edges { node { id bids { bidId auction { id title } } } } } }`, {
      variables: { n: 1 },
    });
    expect(byVariable.body.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED' });
    // Aliases repeat a field: each copy costs.
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: auctions(first: 10) { edges { node { id title bidCount } } }`).join(' ');
    const aliased = await kit.gql(`{ ${aliases} }`);
    expect(aliased.body.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED' });
  });
});

describe('limits against amplification', () => {
  it('counts fragment fan-out as it would expand, without expanding it: 10^6 fields in 555 bytes are refused', async () => {
    // F0 selects 10 fields, each Fi spreads F(i-1) ten times: F5 expands to 10^6 fields.
    const fragments = [`fragment F0 on Me { ${Array.from({ length: 10 }, (_, k) => `u${k}: userId`).join(' ')} }`];
    for (let i = 1; i <= 5; i += 1) fragments.push(`fragment F${i} on Me { ${`...F${i - 1} `.repeat(10)}}`);
    const query = `{ me { ...F5 } } ${fragments.join(' ')}`;
    expect(query.length).toBeLessThan(600);
    const res = await kit.gql(query, { token: user.token });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'COST_LIMIT_EXCEEDED', limit: 2000 } });
    expect((res.body.errors?.[0]?.extensions as { cost: number }).cost).toBeGreaterThan(1_000_000);
  });

  it('counts __typename like any field, and refuses more than two introspection roots (aliased __schema copies)', async () => {
    const typenames = Array.from({ length: 2_001 }, (_, i) => `t${i}: __typename`).join(' ');
    expect((await kit.gql(`{ ${typenames} }`)).body.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', cost: 2_001 });
    const copies = Array.from({ length: 64 }, (_, i) => `s${i}: __schema { types { name fields { name type { name } } } }`).join(' ');
    const res = await kit.gql(`{ ${copies} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'COST_LIMIT_EXCEEDED', limit: 2, introspectionRoots: 64 } });
  });

  it('refuses the 4,096-alias __schema flood (102 KB, anonymous) before parsing it through, and keeps serving', async () => {
    const query = `{ ${Array.from({ length: 4_096 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`;
    expect(query.length).toBeGreaterThan(100_000);
    const res = await kit.gql(query);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'TOKEN_LIMIT_EXCEEDED', limit: 10_000 } });
    expect((await fetch(`${suite.url}/health`)).status).toBe(200);
  });

  it('counts what an introspection root selects: 2,001 fields under one __schema are over the cost limit', async () => {
    const names = Array.from({ length: 2_001 }, (_, i) => `n${i}: name`).join(' ');
    const res = await kit.gql(`{ __schema { types { ${names} } } }`);
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.extensions?.code)).toContain('COST_LIMIT_EXCEEDED');
  });

  it('refuses more than 50 aliases in one operation (ALIAS_LIMIT_EXCEEDED), fragments counted where spread', async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: auction(id: "x${i}") { id }`).join(' ');
    expect((await kit.gql(`{ ${aliases(50)} }`)).body.errors).toBeUndefined();
    const res = await kit.gql(`{ ${aliases(51)} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'ALIAS_LIMIT_EXCEEDED', limit: 50, aliases: 51 } });
    const spread = await kit.gql(
      `{ me { ...A ...B } } fragment A on Me { ${Array.from({ length: 30 }, (_, i) => `u${i}: userId`).join(' ')} } fragment B on Me { ...A }`,
      {
        token: user.token,
      },
    );
    expect(spread.body.errors?.[0]).toMatchObject({ extensions: { code: 'ALIAS_LIMIT_EXCEEDED', aliases: 60 } });
  });

  it('still answers the standard introspection query that GraphQL tools send', async () => {
    const res = await kit.gql<{ __schema: { queryType: { name: string } } }>(getIntrospectionQuery());
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.__schema.queryType.name).toBe('Query');
  });

  it('refuses introspection when it is off (the production default), and still answers queries', async () => {
    const closed = await startTestSuite({ plugins: [graphqlPlugin({ introspection: false })] });
    try {
      const kitOff = graphqlTestKit(closed);
      const res = await kitOff.gql(getIntrospectionQuery());
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.message).toContain('introspection');
      const typename = await kitOff.gql<{ __typename: string }>('{ __typename }');
      expect(typename.body.data?.__typename).toBe('Query');
    } finally {
      await closed.stop();
    }
  });

  it('caps the size of an answer (RESPONSE_TOO_LARGE) whatever the query', async () => {
    const small = await startTestSuite({ plugins: [graphqlPlugin({ maxResponseBytes: 2_000 })] });
    try {
      const res = await graphqlTestKit(small).gql(getIntrospectionQuery());
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'RESPONSE_TOO_LARGE', limit: 2_000 } }] });
    } finally {
      await small.stop();
    }
  });
});

describe('query only', () => {
  it('refuses mutations and subscriptions with a clear error, over POST and GET', async () => {
    const mutation = await kit.gql(`mutation { deposit(amount: 1) { ok } }`, { token: user.token });
    expect(mutation.status).toBe(400);
    expect(mutation.body.errors?.[0]).toMatchObject({
      message: 'mutations are not served here: GraphQL is query-only (send commands with POST /commands/<Type>)',
      extensions: { code: 'QUERY_ONLY' },
    });
    const viaGet = await kit.gql(`mutation { x }`, { method: 'GET' });
    expect(viaGet.status).toBe(400);
    expect(viaGet.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_ONLY' });
    const subscription = await kit.gql(`subscription { auctions { id } }`);
    expect(subscription.status).toBe(400);
    expect(subscription.body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_ONLY' }, message: expect.stringContaining('socket.io') });
  });

  it('answers 400 for a request without a query or with a syntax error', async () => {
    expect((await kit.http('/graphql', { json: {} })).status).toBe(400);
    const broken = await kit.gql(`{ auctions {`);
    expect(broken.status).toBe(400);
    expect(broken.body.errors?.[0]?.message).toMatch(/Syntax Error/);
  });
});

describe('secrets', () => {
  it('has no way to a password hash: no such field or type, and no answer carries one', async () => {
    const introspection = await kit.gql<{ __schema: { types: { name: string; fields: { name: string }[] | null }[] } }>(
      `{ __schema { types { name fields { name } } } }`,
    );
    expect(introspection.status).toBe(200);
    const names = (introspection.body.data?.__schema.types ?? []).flatMap((t) => [t.name, ...(t.fields ?? []).map((f) => f.name)]);
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => /password|hash|credential|email/i.test(n))).toEqual([]);
    // Documents are the one generic read: even a collection named like the credentials view serves nothing from it.
    const credentials = await kit.gql(`{ documents(collection: "user_credentials") { edges { node { id content } } } }`, { token: user.token });
    expect(credentials.body.data).toEqual({ documents: { edges: [] } });
    const me = await kit.gql(`{ me { userId displayName funds { currency } bids { bidId } } }`, { token: user.token });
    const everything = JSON.stringify([introspection.body, credentials.body, me.body]);
    expect(everything).not.toMatch(/scrypt\$/);
    expect(everything).not.toMatch(/password/i);
  });
});
