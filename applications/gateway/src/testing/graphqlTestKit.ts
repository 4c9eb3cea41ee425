import { randomUUID } from 'node:crypto';
import { streamNames } from '@causeway/runtime';
import { expect } from 'vitest';
import { httpClient } from './httpClient.ts';
import type { TestSuite } from './startTestSuite.ts';
import { graphqlClient } from './graphqlClient.ts';

export interface Accepted {
  readonly commandId: string;
  readonly position: string;
}
interface Status {
  readonly status: string;
  readonly events: { type: string; position: string }[];
}

/** What the GraphQL end-to-end tests do through the HTTP API to make view data. */
export function graphqlTestKit(suite: TestSuite) {
  const http = httpClient(suite.url);
  const gql = graphqlClient(suite.url);

  async function command(token: string, type: string, data: Record<string, unknown>): Promise<Accepted> {
    const res = await http<Accepted>(`/commands/${type}`, { token, json: data });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return res.body;
  }

  /**
   * Waits for the command's outcome and returns the position of its last resulting event (of `eventType`
   * if given: a saga ends on its own events, which the auction views never read).
   */
  async function settled(token: string, commandId: string, until: readonly string[] = ['SUCCEEDED', 'SAGA_SUCCEEDED'], eventType?: string): Promise<string> {
    let last: Status | undefined;
    await expect
      .poll(async () => {
        last = (await http<Status>(`/commands/${commandId}`, { token })).body;
        return until.includes(last?.status ?? '');
      })
      .toBe(true);
    const positions = (last as Status).events
      .filter((e) => eventType === undefined || e.type === eventType)
      .map((e) => e.position)
      .sort();
    return positions.at(-1) as string;
  }

  async function openAuction(user: { userId: string; token: string }, closesAt: string, title = 'Lot'): Promise<{ auctionId: string; position: string }> {
    const auctionId = randomUUID();
    const accepted = await command(user.token, 'OpenAuction', {
      auctionId,
      sellerId: user.userId,
      lotId: randomUUID(),
      title,
      startingPrice: 100,
      minimumIncrement: 10,
      currency: 'EUR',
      closesAt,
    });
    return { auctionId, position: await settled(user.token, accepted.commandId) };
  }

  /** CloseAuction is a system command (403 over HTTP), so the test writes it as the closing schedule would. */
  async function closeAuction(auctionId: string): Promise<void> {
    await suite.store.append(streamNames.command('auction', auctionId), [{ id: randomUUID(), type: 'CloseAuction', data: { auctionId }, metadata: {} }]);
  }

  return { http, gql, command, settled, openAuction, closeAuction };
}
