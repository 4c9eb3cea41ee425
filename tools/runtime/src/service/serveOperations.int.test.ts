import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { runAggregator } from '../aggregators/runAggregator.ts';
import { streamNames } from '../messages/streamNames.ts';
import { runPolicy } from '../policies/runPolicy.ts';
import { useTestStores } from '../testing/useTestStores.ts';
import { walletViewFixture } from '../testing/walletViewFixture.ts';
import { setHeadReader } from './metrics.ts';
import { serveOperations } from './serveOperations.ts';

const stores = useTestStores({ mongo: true });
const silent = pino({ level: 'silent' });

/** The value of one sample in Prometheus text, e.g. `name{a="b"}`; undefined when absent. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('serveOperations', () => {
  it('serves live, ready only once every check passes, and metrics of the consumers running in the process', async () => {
    const category = `m${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    const wallet = randomUUID();
    const store = stores.store();
    await store.append(streamNames.entity(category, wallet), [{ type: 'FundsDeposited', data: { walletId: wallet, amount: 5, currency: 'EUR', balance: 5 } }]);
    let caughtUp = false;
    setHeadReader(() => store.headPosition());
    const server = await serveOperations({
      port: 0,
      checks: {
        eventstore: async () => void (await store.headPosition()),
        aggregator: async () => {
          if (!caughtUp) throw new Error('catching up');
        },
      },
      logger: silent,
    });
    try {
      expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
      const early = await fetch(`${server.url}/health/ready`);
      expect(early.status).toBe(503);
      expect(await early.json()).toEqual({ status: 'not ready', failing: { aggregator: 'catching up' } });

      const view = walletViewFixture(category);
      const aggregator = await runAggregator(view, { store, db: stores.db(), logger: silent });
      const policy = await runPolicy({ name: `${category}policy`, categories: [category], handlers: {} }, { store, logger: silent });
      await aggregator.caughtUp;
      await policy.caughtUp;
      caughtUp = true;
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);

      const later = await store.append(streamNames.entity(category, wallet), [
        { type: 'FundsDeposited', data: { walletId: wallet, amount: 1, currency: 'EUR', balance: 6 } },
      ]);
      expect(await aggregator.waitFor(later.position!, 10_000)).toBe(true);
      const scrape = async () => {
        const response = await fetch(`${server.url}/metrics`);
        expect(response.headers.get('content-type')).toContain('text/plain');
        return response.text();
      };
      await expect
        .poll(async () => sample(await scrape(), `causeway_messages_handled_total{consumer="${view.name}",outcome="handled"}`), { timeout: 10_000 })
        .toBe(2);
      await expect.poll(async () => sample(await scrape(), `causeway_messages_handled_total{consumer="${category}policy",outcome="handled"}`)).toBe(2);
      const text = await scrape();
      expect(sample(text, `causeway_consumer_lag_position{consumer="${view.name}"}`)).toBe(0);
      expect(sample(text, `causeway_consumer_lag_seconds{consumer="${view.name}"}`)).toBe(0);
      expect(sample(text, `causeway_consumer_checkpoint_age_seconds{consumer="${view.name}"}`)).toBeGreaterThanOrEqual(0);
      expect(sample(text, `causeway_handler_duration_seconds_count{consumer="${view.name}"}`)).toBeGreaterThanOrEqual(1);
      expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
      await policy.stop();
      await aggregator.stop();
    } finally {
      setHeadReader(undefined);
      await server.close();
    }
  });
});
