import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpResult } from '../testing/httpClient.ts';
import { startTestSuite, type TestSuite } from '../testing/startTestSuite.ts';
import type { GraphQLAnswer } from '../testing/graphqlClient.ts';
import { graphqlPlugin } from './graphqlPlugin.ts';
import { graphqlTestKit } from '../testing/graphqlTestKit.ts';

let suite: TestSuite;
let kit: ReturnType<typeof graphqlTestKit>;
let seller: { userId: string; token: string };
let bidder: { userId: string; token: string };
beforeAll(async () => {
  // A wait long enough for a loaded machine; the stale test pays it once.
  suite = await startTestSuite({ plugins: [graphqlPlugin({ maxWaitMs: 3_000 })] });
  kit = graphqlTestKit(suite);
  [seller, bidder] = await Promise.all([suite.register(), suite.register()]);
});
afterAll(() => suite?.stop());

interface AuctionsPage {
  auctions: {
    edges: { cursor: string; node: { id: string; title: string; status: string; closesAt: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
interface DocsPage {
  documents: {
    edges: { cursor: string; node: { id: string; collection: string; version: number; content: { n: number } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
}
const AUCTIONS = `query Board($status: AuctionStatus, $first: Int, $after: String, $min: String) {
  auctions(status: $status, first: $first, after: $after, minPosition: $min) { edges { cursor node { id title status closesAt } } pageInfo { hasNextPage endCursor } }
}`;

/** Every page of the board, following endCursor. */
async function allPages(status: 'OPEN' | 'CLOSED' | undefined, first: number, min?: string) {
  const ids: string[] = [];
  const nodes: AuctionsPage['auctions']['edges'][number]['node'][] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const res: HttpResult<GraphQLAnswer<AuctionsPage>> = await kit.gql<AuctionsPage>(AUCTIONS, { variables: { status, first, after, min } });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const page: AuctionsPage['auctions'] = (res.body.data as AuctionsPage).auctions;
    expect(page.edges.length).toBeLessThanOrEqual(first);
    pages += 1;
    for (const e of page.edges) {
      ids.push(e.node.id);
      nodes.push(e.node);
    }
    if (!page.pageInfo.hasNextPage) return { ids, nodes, pages };
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor);
    after = page.pageInfo.endCursor;
  }
}

describe('auctions and auction', () => {
  it('pages through the board in closesAt order, filters by status, and waits for minPosition', async () => {
    // Opened out of order, two on the same closing time (ordered by id then).
    const times = ['2031-05-01T00:00:00Z', '2031-01-01T00:00:00Z', '2031-03-01T00:00:00Z', '2031-03-01T00:00:00Z', '2031-02-01T00:00:00Z'];
    const opened = [];
    for (const t of times) opened.push({ ...(await kit.openAuction(seller, t, `Lot ${t}`)), closesAt: t });
    const toClose = opened[4] as (typeof opened)[number];
    await kit.closeAuction(toClose.auctionId);
    await expect
      .poll(async () => (await kit.gql<{ auction: { status: string } }>(`{ auction(id: "${toClose.auctionId}") { status } }`)).body.data?.auction.status)
      .toBe('CLOSED');
    const last = opened
      .map((o) => o.position)
      .sort()
      .at(-1) as string;

    const everything = await allPages(undefined, 2, last);
    const mine = opened.map((o) => o.auctionId);
    expect(everything.pages).toBeGreaterThanOrEqual(3);
    expect(new Set(everything.ids).size).toBe(everything.ids.length); // no row twice across pages
    const order = everything.ids.filter((id) => mine.includes(id));
    const expected = [...opened].sort((a, b) => a.closesAt.localeCompare(b.closesAt) || a.auctionId.localeCompare(b.auctionId)).map((o) => o.auctionId);
    expect(order).toEqual(expected);
    const keys = everything.nodes.map((n) => `${n.closesAt} ${n.id}`);
    expect(keys).toEqual([...keys].sort());

    const open = await allPages('OPEN', 3);
    expect(open.nodes.every((n) => n.status === 'OPEN')).toBe(true);
    expect(open.ids).toEqual(expect.arrayContaining(mine.filter((id) => id !== toClose.auctionId)));
    expect(open.ids).not.toContain(toClose.auctionId);
    const closed = await allPages('CLOSED', 3);
    expect(closed.ids).toContain(toClose.auctionId);
    expect(closed.nodes.every((n) => n.status === 'CLOSED')).toBe(true);
  });

  it('answers one auction with its bids in log order, each bid linking back to it; null for an unknown id', async () => {
    const { auctionId } = await kit.openAuction(seller, '2032-01-01T00:00:00Z', 'Brass telescope');
    const deposited = await kit.command(bidder.token, 'DepositFunds', { walletId: bidder.userId, amount: 100_000, currency: 'EUR' });
    await kit.settled(bidder.token, deposited.commandId);
    const bidIds = [randomUUID(), randomUUID()];
    let position = '';
    for (const [i, bidId] of bidIds.entries()) {
      const sent = await kit.command(bidder.token, 'SubmitBid', {
        auctionId,
        bidId,
        bidderId: bidder.userId,
        walletId: bidder.userId,
        amount: 1_000 + i * 100,
        currency: 'EUR',
      });
      position = await kit.settled(bidder.token, sent.commandId, ['SAGA_SUCCEEDED'], 'BidPlaced');
    }
    const res = await kit.gql<{ auction: Record<string, unknown> & { bids: { bidId: string; order: string; auction: { id: string } }[] } }>(
      `query One($id: ID!, $min: String) { auction(id: $id, minPosition: $min) { id title status currency startingPrice bidCount highestBid { bidId amount } bids { bidId bidderId amount state order auction { id } } } }`,
      { variables: { id: auctionId, min: position } },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.extensions?.freshness).toMatchObject({ stale: false, minPosition: position });
    const auction = res.body.data?.auction;
    expect(auction).toMatchObject({
      id: auctionId,
      title: 'Brass telescope',
      status: 'OPEN',
      currency: 'EUR',
      startingPrice: 100,
      bidCount: 2,
      highestBid: { bidId: bidIds[1], amount: 1_100 },
    });
    expect(auction?.bids.map((b) => b.bidId)).toEqual(bidIds);
    expect(auction?.bids.map((b) => b.order)).toEqual([...(auction?.bids.map((b) => b.order) ?? [])].sort());
    expect(auction?.bids).toMatchObject([
      { state: 'OUTBID', amount: 1_000, bidderId: bidder.userId },
      { state: 'LEADING', amount: 1_100 },
    ]);
    expect(auction?.bids.every((b) => b.auction.id === auctionId)).toBe(true);

    const unknown = await kit.gql(`{ auction(id: "${randomUUID()}") { id } }`);
    expect(unknown.body).toEqual({ data: { auction: null } });
  });

  it('serves GET /graphql too, and refuses a cursor it did not make', async () => {
    const res = await kit.gql<AuctionsPage>(`{ auctions(first: 1) { edges { node { id } } pageInfo { hasNextPage } } }`, { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.body.data?.auctions.edges.length).toBe(1);
    const bad = await kit.gql(`{ auctions(after: "not-a-cursor") { pageInfo { hasNextPage } } }`);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const tooMany = await kit.gql(`{ auctions(first: 101) { pageInfo { hasNextPage } } }`);
    expect(tooMany.body.errors?.[0]?.message).toMatch(/first must be between 1 and 100/);
  });
});

describe('me', () => {
  it('shows my funds per currency and my bids with their state, once the views pass minPosition', async () => {
    const me = await suite.register();
    const deposited = await kit.command(me.token, 'DepositFunds', { walletId: me.userId, amount: 5_000, currency: 'EUR' });
    const usd = await kit.command(me.token, 'DepositFunds', { walletId: me.userId, amount: 700, currency: 'USD' });
    await kit.settled(me.token, deposited.commandId);
    await kit.settled(me.token, usd.commandId);
    const { auctionId } = await kit.openAuction(seller, '2033-01-01T00:00:00Z');
    const bidId = randomUUID();
    const bid = await kit.command(me.token, 'SubmitBid', { auctionId, bidId, bidderId: me.userId, walletId: me.userId, amount: 1_200, currency: 'EUR' });
    const position = await kit.settled(me.token, bid.commandId, ['SAGA_SUCCEEDED'], 'BidPlaced');

    const res = await kit.gql<{ me: Record<string, unknown> }>(
      `query Me($min: String) { me(minPosition: $min) { userId displayName funds { currency balance reserved available } bids { bidId auctionId amount currency state auction { id title } } } }`,
      { token: me.token, variables: { min: position } },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.extensions?.freshness).toMatchObject({ stale: false });
    expect(res.body.data?.me).toEqual({
      userId: me.userId,
      displayName: 'Test User',
      funds: [
        { currency: 'EUR', balance: 5_000, reserved: 1_200, available: 3_800 },
        { currency: 'USD', balance: 700, reserved: 0, available: 700 },
      ],
      bids: [{ bidId, auctionId, amount: 1_200, currency: 'EUR', state: 'LEADING', auction: { id: auctionId, title: 'Lot' } }],
    });
  });

  it('needs the bearer token: without it the field is an UNAUTHENTICATED error; a forged token is 401', async () => {
    const anonymous = await kit.gql(`{ me { userId } }`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.data).toEqual({ me: null });
    expect(anonymous.body.errors?.[0]).toMatchObject({ message: 'me needs Authorization: Bearer <token>', extensions: { code: 'UNAUTHENTICATED' } });
    const forged = await kit.gql(`{ me { userId } }`, { token: `${seller.token.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('documents and document', () => {
  it('lists a collection page by page, reads one, and never serves a deleted one', async () => {
    const collection = `gql-${randomUUID().slice(0, 8)}`;
    const created: { documentId: string; commandId: string; position: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await kit.http<{ documentId: string; commandId: string; position: string }>(`/documents/${collection}`, {
        token: seller.token,
        json: { n: i },
      });
      expect(res.status).toBe(202);
      created.push(res.body);
    }
    for (const c of created) await kit.settled(seller.token, c.commandId);
    const removed = created[2] as (typeof created)[number];
    const deleted = await kit.http<{ commandId: string }>(`/documents/${collection}/${removed.documentId}`, {
      method: 'DELETE',
      token: seller.token,
      headers: { 'if-match': '1' },
    });
    expect(deleted.status).toBe(202);
    const position = await kit.settled(seller.token, deleted.body.commandId);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: HttpResult<GraphQLAnswer<DocsPage>> = await kit.gql<DocsPage>(
        `query Docs($c: String!, $after: String, $min: String) { documents(collection: $c, first: 2, after: $after, minPosition: $min) { edges { cursor node { id collection version content } } pageInfo { hasNextPage endCursor } } }`,
        { token: seller.token, variables: { c: collection, after, min: position } },
      );
      expect(res.body.errors).toBeUndefined();
      const page: DocsPage['documents'] | undefined = res.body.data?.documents;
      for (const e of page?.edges ?? []) {
        expect(e.node).toMatchObject({ collection, version: 1 });
        seen.push(e.node.id);
      }
      if (!page?.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(
      created
        .filter((c) => c !== removed)
        .map((c) => c.documentId)
        .sort(),
    );

    const one = await kit.gql(`query D($c: String!, $id: ID!) { document(collection: $c, id: $id) { id content } }`, {
      token: seller.token,
      variables: { c: collection, id: created[0]?.documentId },
    });
    expect(one.body.data).toEqual({ document: { id: created[0]?.documentId, content: { n: 0 } } });
    const gone = await kit.gql(`query D($c: String!, $id: ID!) { document(collection: $c, id: $id) { id } }`, {
      token: seller.token,
      variables: { c: collection, id: removed.documentId },
    });
    expect(gone.body.data).toEqual({ document: null });
    const elsewhere = await kit.gql(`query D($id: ID!) { document(collection: "other", id: $id) { id } }`, {
      token: seller.token,
      variables: { id: created[0]?.documentId },
    });
    expect(elsewhere.body.data).toEqual({ document: null });
    const anonymous = await kit.gql(`{ documents(collection: "${collection}") { pageInfo { hasNextPage } } }`);
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    // The public board still answers beside the fields that need a token.
    const mixed = await kit.gql(
      `{ me { userId } documents(collection: "${collection}") { pageInfo { hasNextPage } } auctions(first: 1) { pageInfo { hasNextPage } } }`,
    );
    expect(mixed.body.data).toMatchObject({ me: null, documents: null, auctions: { pageInfo: { hasNextPage: expect.any(Boolean) } } });
    expect(mixed.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });
});

describe('minPosition', () => {
  it('reads your writes: the position of the command’s result is waited for, and the answer is fresh', async () => {
    const me = await suite.register();
    const sent = await kit.command(me.token, 'DepositFunds', { walletId: me.userId, amount: 4_321, currency: 'EUR' });
    // The command's own position: the views are waited for until they have passed it (the answer says so).
    const atCommand = await kit.gql<{ me: { userId: string } }>(`query($min: String) { me(minPosition: $min) { userId } }`, {
      token: me.token,
      variables: { min: sent.position },
    });
    expect(atCommand.body.extensions?.freshness).toMatchObject({ minPosition: sent.position, stale: false });
    expect((atCommand.body.extensions?.freshness?.checkpoints['user-dashboard'] ?? '') >= sent.position).toBe(true);
    // The result's position (GET /commands/<id>): the deposit is visible, with no polling of the query.
    const position = await kit.settled(me.token, sent.commandId);
    const res = await kit.gql<{ me: { funds: { currency: string; balance: number }[] } }>(
      `query($min: String) { me(minPosition: $min) { funds { currency balance } } }`,
      { token: me.token, variables: { min: position } },
    );
    expect(res.body.data?.me.funds).toEqual([{ currency: 'EUR', balance: 4_321 }]);
    // A bare commit number is accepted too.
    const bare = await kit.gql(`query($min: String) { me(minPosition: $min) { userId } }`, {
      token: me.token,
      variables: { min: String(BigInt(position.split('/')[0] as string)) },
    });
    expect(bare.body.extensions?.freshness).toMatchObject({ stale: false });
  });

  it('answers stale (with the data it has) when an aggregator has not passed the position in time', async () => {
    const me = await suite.register();
    await suite.pause('aggregator:user-dashboard');
    try {
      const sent = await kit.command(me.token, 'DepositFunds', { walletId: me.userId, amount: 99, currency: 'EUR' });
      const position = await kit.settled(me.token, sent.commandId);
      const res = await kit.gql<{ me: { funds: unknown[] } }>(`query($min: String) { me(minPosition: $min) { funds { balance } } }`, {
        token: me.token,
        variables: { min: position },
      });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.me.funds).toEqual([]);
      const freshness = res.body.extensions?.freshness;
      expect(freshness).toMatchObject({ minPosition: position, stale: true });
      expect((freshness?.checkpoints['user-dashboard'] ?? '') < position).toBe(true);
    } finally {
      await suite.resume('aggregator:user-dashboard');
    }
  });

  it('refuses a malformed position', async () => {
    const res = await kit.gql(`{ auctions(minPosition: "yesterday") { pageInfo { hasNextPage } } }`);
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(res.body.errors?.[0]?.message).toMatch(/minPosition must be/);
  });
});
