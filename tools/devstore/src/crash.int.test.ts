import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { EventLog } from './storage/EventLog.ts';

interface Ack {
  readonly stream: string;
  readonly lastRevision: number;
  readonly position: number;
  readonly ids: readonly string[];
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'devstore-crash-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Runs the child until it has acknowledged `acks` appends, then kills it with SIGKILL. */
async function appendUntilKilled(acks: number): Promise<Ack[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./testing/crashChild.ts', import.meta.url)), dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const seen: Ack[] = [];
  for await (const line of readline.createInterface({ input: child.stdout })) {
    const [word, stream, revision, position, ids] = line.split(' ');
    if (word !== 'ack' || !stream || !revision || !position || !ids) continue;
    seen.push({ stream, lastRevision: Number(revision), position: Number(position), ids: ids.split(',') });
    if (seen.length === acks) child.kill('SIGKILL');
  }
  expect(await exited).toBe('SIGKILL');
  return seen;
}

it('keeps every acknowledged append, in order and at its position, across kill -9 and restart', async () => {
  const first = await appendUntilKilled(400);
  expect(first.length).toBeGreaterThanOrEqual(400);
  // A second run appends after the first crash, so recovery is exercised twice.
  const second = await appendUntilKilled(200);
  expect(second.length).toBeGreaterThanOrEqual(200);

  const log = new EventLog({ dataDir });
  try {
    for (const ack of [...first, ...second]) {
      const info = log.streamInfo(ack.stream);
      if (info.kind !== 'ok') throw new Error(`${ack.stream} is ${info.kind}`);
      const from = ack.lastRevision - ack.ids.length + 1;
      const stored = log.readStream(ack.stream, info, 'forwards', from, ack.ids.length);
      expect(stored.map((e) => e.id)).toEqual(ack.ids);
      expect(stored.at(-1)?.position).toBe(ack.position);
    }
    // No batch is ever partly there: every stream holds whole batches of five.
    for (let w = 0; w < 8; w += 1) {
      const info = log.streamInfo(`crash-${w}`);
      if (info.kind !== 'ok') continue;
      expect((info.lastRevision + 1) % 5).toBe(0);
      const all = log.readStream(`crash-${w}`, info, 'forwards', 0, 1_000_000);
      expect(all.map((e) => e.revision)).toEqual(all.map((_, i) => i));
    }
    const positions = log.readAll('forwards', 0, 1_000_000).map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  } finally {
    log.close();
  }
});
