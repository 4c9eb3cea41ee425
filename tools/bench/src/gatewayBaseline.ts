import { randomUUID } from 'node:crypto';
import { streamNames, type MessageStore } from '@causeway/runtime';
import { nowMs } from './gatewayTracker.ts';

// A category no service of the suite follows, so the baseline writes exactly what an edge writes and nothing reacts.
const CATEGORY = 'benchappend';

async function appendOne(store: MessageStore): Promise<number> {
  const start = nowMs();
  const id = randomUUID();
  await store.append(streamNames.command(CATEGORY, id), [
    {
      id,
      type: 'SubmitBid',
      data: { auctionId: randomUUID(), bidId: id, bidderId: randomUUID(), walletId: randomUUID(), amount: 101, currency: 'EUR' },
      metadata: { userId: randomUUID() },
    },
  ]);
  return nowMs() - start;
}

/** The raw MessageStore append, as the edges do it (one command, one new stream): latency at `rate`/s and rate with `concurrency` in flight. */
export async function appendBaseline(
  store: MessageStore,
  rate: number,
  concurrency: number,
  durationMs: number,
): Promise<{ latencies: number[]; perSecond: number }> {
  const latencies: number[] = [];
  const start = nowMs();
  const total = Math.floor((rate * durationMs) / 1000);
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const wait = start + (i * 1000) / rate - nowMs();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(appendOne(store).then((l) => void latencies.push(l)));
  }
  await Promise.all(pending);
  let done = 0;
  const loopStart = nowMs();
  const endAt = loopStart + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (nowMs() < endAt) {
        await appendOne(store);
        done += 1;
      }
    }),
  );
  return { latencies, perSecond: (done * 1000) / (nowMs() - loopStart) };
}
