import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevStore } from '../startDevStore.ts';

export interface ConformanceTarget {
  readonly url: string;
  readonly description: string;
  close(): Promise<void>;
}

/**
 * EVENTSTORE_URL when given (a real server), otherwise a fresh embedded store
 * with durable storage in a temporary directory.
 */
export async function conformanceTarget(): Promise<ConformanceTarget> {
  const given = process.env['EVENTSTORE_URL'];
  if (given) return { url: given, description: `EVENTSTORE_URL (${given})`, close: async () => undefined };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'devstore-conformance-'));
  const store = await startDevStore({ dataDir });
  return {
    url: store.url,
    description: 'embedded devstore',
    async close() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
