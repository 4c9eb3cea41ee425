import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isCausewayError } from '@causeway/errors';
import { expect, it } from 'vitest';
import { SqlitePersistence } from './SqlitePersistence.ts';

it('keeps a second store off a data directory in use, and reopens it once released', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devmongo-lock-'));
  try {
    const first = new SqlitePersistence(dir);
    const cid = first.createCollection('db', 'c', [{ name: '_id_', key: { _id: 1 } }]);
    first.put(cid, 'n1', { _id: 1, v: 'kept' });
    first.commit();
    let refused: unknown;
    try {
      new SqlitePersistence(dir).close();
    } catch (error) {
      refused = error;
    }
    expect(isCausewayError(refused, 'CONFLICT')).toBe(true);
    first.close();
    const second = new SqlitePersistence(dir);
    const [stored] = second.load();
    expect(stored?.name).toBe('c');
    expect([...(stored?.docs ?? [])]).toEqual([{ _id: 1, v: 'kept' }]);
    second.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
