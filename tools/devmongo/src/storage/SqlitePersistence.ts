import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CausewayError } from '@causeway/errors';
import { serialize, EJSON } from 'bson';
import { decodeBson } from '../bson/decodeBson.ts';
import type { Doc } from '../bson/paths.ts';
import type { IndexSpec } from './CollectionIndex.ts';
import type { Persistence, StoredCollection } from './Persistence.ts';
import { latestImages } from './latestImages.ts';
import { WriteJournal, type JournalRecord } from './WriteJournal.ts';

const flushDelayMs = 50;
const flushThreshold = 20_000;

/**
 * Durable storage: SQLite in WAL mode holds the catalog and one table per
 * collection (primary key → BSON); a write journal in front of it makes each
 * command durable with one append, and is folded into SQLite in batches.
 * Both survive a process crash (kill -9); an OS crash or power loss can lose
 * the last writes, which is the trade a dev store should make. Catalog changes
 * (create, drop, rename, indexes) first fold the journal, so a replay only
 * ever touches collections that exist. Renames only touch the catalog.
 */
export class SqlitePersistence implements Persistence {
  private readonly db: Database.Database;
  private readonly journal: WriteJournal;
  private pending: JournalRecord[] = [];
  private journaled: JournalRecord[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  /** A j:true write is in the journal: the fold must reach the disk before the journal is emptied. */
  private foldDurably = false;
  private readonly putStatements = new Map<number, Database.Statement>();
  private readonly deleteStatements = new Map<number, Database.Statement>();
  private readonly applyBatch: (batch: readonly JournalRecord[]) => void;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    // No waiting on a lock: the only other holder can be a second server, which must be refused.
    this.db = new Database(path.join(dataDir, 'devmongo.sqlite'), { timeout: 0 });
    try {
      // One process owns the files: exclusive locking (set before WAL) skips the shared-memory
      // WAL index on every commit and keeps a second server off the same directory.
      this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(
        'CREATE TABLE IF NOT EXISTS collections (cid INTEGER PRIMARY KEY, db TEXT NOT NULL, name TEXT NOT NULL, indexes TEXT NOT NULL, UNIQUE (db, name))',
      );
    } catch (error) {
      this.db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new CausewayError('CONFLICT', `devmongo data directory ${dataDir} is in use by another process`, { dataDir }, { cause: error });
      }
      throw error;
    }
    this.applyBatch = this.db.transaction((batch: readonly JournalRecord[]) => {
      const live = new Set(this.db.prepare('SELECT cid FROM collections').pluck().all() as number[]);
      for (const record of batch) if (live.has(record.cid)) this.apply(record);
    });
    // Writes acknowledged before a crash may still sit in the journal: fold them in first.
    this.journal = new WriteJournal(path.join(dataDir, 'devmongo.journal'));
    this.journaled = this.journal.readAll();
    // Some replayed writes may have been acknowledged as j:true: keep them on disk.
    this.foldDurably = this.journaled.length > 0;
    this.flush();
  }

  load(): StoredCollection[] {
    const rows = this.db.prepare('SELECT cid, db, name, indexes FROM collections ORDER BY cid').all() as {
      cid: number;
      db: string;
      name: string;
      indexes: string;
    }[];
    return rows.map((row) => ({
      cid: row.cid,
      db: row.db,
      name: row.name,
      indexes: EJSON.parse(row.indexes) as IndexSpec[],
      docs: this.iterateDocs(row.cid),
    }));
  }

  private *iterateDocs(cid: number): Generator<Doc> {
    const statement = this.db.prepare(`SELECT d FROM c${cid} ORDER BY rowid`).pluck();
    for (const blob of statement.iterate()) yield decodeBson(blob as Buffer);
  }

  createCollection(db: string, name: string, indexes: readonly IndexSpec[]): number {
    this.settle();
    return this.db.transaction(() => {
      const result = this.db.prepare('INSERT INTO collections (db, name, indexes) VALUES (?, ?, ?)').run(db, name, EJSON.stringify(indexes));
      const cid = Number(result.lastInsertRowid);
      this.db.exec(`CREATE TABLE c${cid} (k TEXT NOT NULL UNIQUE, d BLOB NOT NULL)`);
      return cid;
    })();
  }

  setIndexes(cid: number, indexes: readonly IndexSpec[]): void {
    this.settle();
    this.db.prepare('UPDATE collections SET indexes = ? WHERE cid = ?').run(EJSON.stringify(indexes), cid);
  }

  renameCollection(cid: number, db: string, name: string): void {
    this.settle();
    this.db.prepare('UPDATE collections SET db = ?, name = ? WHERE cid = ?').run(db, name, cid);
  }

  dropCollection(cid: number): void {
    this.settle();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM collections WHERE cid = ?').run(cid);
      this.db.exec(`DROP TABLE IF EXISTS c${cid}`);
    })();
    this.putStatements.delete(cid);
    this.deleteStatements.delete(cid);
  }

  put(cid: number, key: string, doc: Doc): void {
    this.pending.push({ kind: 'put', cid, key, bson: serialize(doc, { ignoreUndefined: true }) });
  }

  delete(cid: number, key: string): void {
    this.pending.push({ kind: 'delete', cid, key });
  }

  /** Makes this command's writes durable: one append to the journal. */
  commit(options: { sync?: boolean } = {}): void {
    if (this.pending.length === 0) return;
    this.journal.append(this.pending);
    if (options.sync) {
      this.journal.sync();
      this.foldDurably = true;
    }
    for (const record of this.pending) this.journaled.push(record);
    this.pending = [];
    if (this.journaled.length >= flushThreshold) this.flush();
    else this.flushTimer ??= setTimeout(() => this.backgroundFlush(), flushDelayMs).unref();
  }

  close(): void {
    this.settle();
    this.journal.close();
    this.db.close();
  }

  /** Folds journaled writes into SQLite in one transaction, then empties the journal. */
  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.journaled.length === 0) return;
    if (this.foldDurably) this.db.pragma('synchronous = FULL');
    try {
      this.applyBatch(latestImages(this.journaled));
    } finally {
      if (this.foldDurably) this.db.pragma('synchronous = NORMAL');
    }
    this.foldDurably = false;
    // A crash between these two lines only replays writes SQLite already has.
    this.journal.reset();
    this.journaled = [];
  }

  // A failed fold loses nothing (the journal still holds the writes); the next commit retries it.
  private backgroundFlush(): void {
    try {
      this.flush();
    } catch {
      this.flushTimer = undefined;
    }
  }

  private settle(): void {
    this.commit();
    this.flush();
  }

  private apply(record: JournalRecord): void {
    if (record.kind === 'put') this.putStatement(record.cid).run(record.key, record.bson);
    else this.deleteStatement(record.cid).run(record.key);
  }

  // Upsert keeps the rowid, so natural order after a restart is insertion order, as in memory.
  private putStatement(cid: number): Database.Statement {
    let statement = this.putStatements.get(cid);
    if (!statement) {
      statement = this.db.prepare(`INSERT INTO c${cid} (k, d) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET d = excluded.d`);
      this.putStatements.set(cid, statement);
    }
    return statement;
  }

  private deleteStatement(cid: number): Database.Statement {
    let statement = this.deleteStatements.get(cid);
    if (!statement) {
      statement = this.db.prepare(`DELETE FROM c${cid} WHERE k = ?`);
      this.deleteStatements.set(cid, statement);
    }
    return statement;
  }
}
