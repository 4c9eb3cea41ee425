import { useTestStores } from '../testing/useTestStores.ts';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../messages/messages.ts';
import { definePolicy } from './PolicyDefinition.ts';
import { runPolicy } from './runPolicy.ts';
import { streamNames } from '../messages/streamNames.ts';

const stores = useTestStores();
const store = () => stores.store();

describe('runPolicy', () => {
  it('turns events into commands with derived ids, carrying correlation; a replay sends nothing new', async () => {
    const auctions = `pa${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const wallets = `pw${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const policy = definePolicy({
      name: `${auctions}Release`,
      categories: [auctions],
      handlers: {
        BidPlaced: (e) =>
          e.data.outbid?.reservationId
            ? [
                {
                  category: wallets,
                  id: e.data.outbid.bidderId,
                  command: { type: 'ReleaseFunds', data: { walletId: e.data.outbid.bidderId, reservationId: e.data.outbid.reservationId } },
                },
              ]
            : [],
      },
    });
    const auctionId = randomUUID();
    const loser = randomUUID();
    const reservationId = randomUUID();
    const placed = (bidderId: string, amount: number, outbid?: { bidId: string; bidderId: string; amount: number; reservationId: string }) => ({
      type: 'BidPlaced' as const,
      data: { auctionId, bidId: randomUUID(), bidderId, amount, currency: 'EUR', placedAt: '2026-01-01T00:00:00Z', ...(outbid ? { outbid } : {}) },
    });
    await store().append(streamNames.entity(auctions, auctionId), [
      placed(loser, 100),
      placed(randomUUID(), 200, { bidId: randomUUID(), bidderId: loser, amount: 100, reservationId }),
    ]);
    const trigger = await store().readLast(streamNames.entity(auctions, auctionId));

    const first = await runPolicy(policy, { store: store() });
    await first.caughtUp;
    await first.stop();
    const sent = async () => {
      const out: Recorded[] = [];
      for await (const m of store().readStream(streamNames.command(wallets, loser))) out.push(m);
      return out;
    };
    const commands = await sent();
    expect(commands.map((c) => [c.type, c.data])).toEqual([['ReleaseFunds', { walletId: loser, reservationId }]]);
    expect(commands[0]?.metadata).toMatchObject({ causationId: trigger?.id, correlationId: trigger?.metadata.correlationId });

    await store().client.deleteStream(streamNames.checkpoint(policy.name));
    const replay = await runPolicy(policy, { store: store() });
    await replay.caughtUp;
    await replay.stop();
    expect(await sent()).toHaveLength(1);
  });
});
