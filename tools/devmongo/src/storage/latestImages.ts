import type { JournalRecord } from './WriteJournal.ts';

/**
 * The records a fold must apply: every put is a whole document image, so of
 * several puts to one document only the last matters. It takes the place of
 * the first put of its run (a delete ends a run), which keeps the order of
 * first insertion, and so the rowid order SQLite gives new rows: natural order
 * after a restart stays what it was in memory. Under load the same documents
 * (checkpoints, a busy auction, a command's status) are written many times
 * between two folds.
 */
export function latestImages(batch: readonly JournalRecord[]): JournalRecord[] {
  const out: JournalRecord[] = [];
  // cid → key → index in `out` of the put that stands for the current run
  const runs = new Map<number, Map<string, number>>();
  for (const record of batch) {
    let byKey = runs.get(record.cid);
    if (!byKey) runs.set(record.cid, (byKey = new Map()));
    const at = byKey.get(record.key);
    if (record.kind === 'delete') {
      byKey.delete(record.key);
      out.push(record);
    } else if (at === undefined) {
      byKey.set(record.key, out.length);
      out.push(record);
    } else {
      out[at] = record;
    }
  }
  return out;
}
