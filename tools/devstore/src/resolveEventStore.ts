import path from 'node:path';
import { startDevStore } from './startDevStore.ts';

export interface EventStoreEndpoint {
  readonly url: string;
  /** True when this call started an embedded store (and `close` stops it). */
  readonly embedded: boolean;
  close(): Promise<void>;
}

/**
 * `EVENTSTORE_URL` when it is set (a real server: nothing is started),
 * otherwise an embedded store with its data under `.causeway/eventstore`.
 */
export async function resolveEventStore(options: { env?: Readonly<Record<string, string | undefined>>; dataDir?: string } = {}): Promise<EventStoreEndpoint> {
  const url = (options.env ?? process.env)['EVENTSTORE_URL'];
  if (url) return { url, embedded: false, close: async () => undefined };
  const store = await startDevStore({ dataDir: options.dataDir ?? path.resolve('.causeway', 'eventstore') });
  return { url: store.url, embedded: true, close: () => store.close() };
}
