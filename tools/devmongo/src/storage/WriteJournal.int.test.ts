import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serialize } from 'bson';
import { expect, it } from 'vitest';
import { WriteJournal } from './WriteJournal.ts';

it('reads back complete records, drops a torn tail, and empties on reset', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devmongo-journal-'));
  const file = path.join(dir, 'journal');
  try {
    const journal = new WriteJournal(file);
    const bson = serialize({ _id: 'é', v: 1 });
    journal.append([
      { kind: 'put', cid: 3, key: 'sé', bson },
      { kind: 'delete', cid: 4, key: 'n7' },
    ]);
    // A write cut short by a crash: a header promising more bytes than exist.
    fs.appendFileSync(file, Buffer.from([200, 0, 0, 0, 1, 3]));
    const records = journal.readAll();
    expect(records).toEqual([
      { kind: 'put', cid: 3, key: 'sé', bson: Buffer.from(bson) },
      { kind: 'delete', cid: 4, key: 'n7' },
    ]);
    journal.reset();
    expect(journal.readAll()).toEqual([]);
    journal.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
