import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { resolveEventStore } from './resolveEventStore.ts';

it('uses EVENTSTORE_URL when it is set and starts nothing', async () => {
  const endpoint = await resolveEventStore({ env: { EVENTSTORE_URL: 'esdb://db.example:2113?tls=false' } });
  expect(endpoint).toMatchObject({ url: 'esdb://db.example:2113?tls=false', embedded: false });
});

it('starts the embedded store with durable data when EVENTSTORE_URL is unset', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'devstore-resolve-'));
  try {
    const endpoint = await resolveEventStore({ env: {}, dataDir });
    expect(endpoint.embedded).toBe(true);
    expect(endpoint.url).toMatch(/^esdb:\/\/127\.0\.0\.1:\d+\?tls=false$/);
    expect(fs.existsSync(path.join(dataDir, 'events.sqlite'))).toBe(true);
    await endpoint.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
