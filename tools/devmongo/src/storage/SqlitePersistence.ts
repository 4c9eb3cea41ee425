import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CausewayError } from '@causeway/errors';
import { deserialize, serialize, EJSON } from 'bson';
import type { Doc } from '../bson/paths.ts';
import type { IndexSpec } from './CollectionIndex.ts';
import type { Persistence, StoredCollection } from './Persistence.ts';
import { bsonReadOptions } from '../bson/bsonOptions.ts';

type Pending = { kind: 'put'; cid: number; key: string; doc: Doc } | { kind: 'delete'; cid: number; key: string };

/**
 * Durable storage on SQLite in WAL mode: a catalog table plus one table per
 * collection (primary key → BSON). `synchronous = NORMAL` keeps every committed
 * transaction across a process crash (kill -9); only an OS crash or power loss
 * can lose the last commits, which is the trade a dev store should make.
 * Renames only touch the catalog, so swapping a rebuilt collection is instant.
 */
export class SqlitePersistence implements Persistence {
  private readonly db: Database.Database;
  private pending: Pending[] = [];
  private readonly putStatements = new Map<number, Database.Statement>();
  private readonly deleteStatements = new Map<number, Database.Statement>();
  private readonly applyBatch: (batch: readonly Pending[]) => void;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'devmongo.sqlite'));
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
    this.applyBatch = this.db.transaction((batch: readonly Pending[]) => {
      for (const op of batch) this.apply(op);
    });
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
    for (const blob of statement.iterate()) yield deserialize(blob as Buffer, bsonReadOptions) as Doc;
  }

  createCollection(db: string, name: string, indexes: readonly IndexSpec[]): number {
    this.commit();
    return this.db.transaction(() => {
      const result = this.db
        .prepare('INSERT INTO collections (db, name, indexes) VALUES (?, ?, ?)')
        .run(db, name, EJSON.stringify(indexes));
      const cid = Number(result.lastInsertRowid);
      this.db.exec(`CREATE TABLE c${cid} (k TEXT NOT NULL UNIQUE, d BLOB NOT NULL)`);
      return cid;
    })();
  }

  setIndexes(cid: number, indexes: readonly IndexSpec[]): void {
    this.commit();
    this.db.prepare('UPDATE collections SET indexes = ? WHERE cid = ?').run(EJSON.stringify(indexes), cid);
  }

  renameCollection(cid: number, db: string, name: string): void {
    this.commit();
    this.db.prepare('UPDATE collections SET db = ?, name = ? WHERE cid = ?').run(db, name, cid);
  }

  dropCollection(cid: number): void {
    this.commit();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM collections WHERE cid = ?').run(cid);
      this.db.exec(`DROP TABLE IF EXISTS c${cid}`);
    })();
    this.putStatements.delete(cid);
    this.deleteStatements.delete(cid);
  }

  put(cid: number, key: string, doc: Doc): void {
    this.pending.push({ kind: 'put', cid, key, doc });
  }

  delete(cid: number, key: string): void {
    this.pending.push({ kind: 'delete', cid, key });
  }

  commit(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    // A lone statement is already atomic; skipping BEGIN/COMMIT matters for single upserts.
    if (batch.length === 1) this.apply(batch[0] as Pending);
    else this.applyBatch(batch);
  }

  private apply(op: Pending): void {
    if (op.kind === 'put') this.putStatement(op.cid).run(op.key, serialize(op.doc, { ignoreUndefined: true }));
    else this.deleteStatement(op.cid).run(op.key);
  }

  close(): void {
    this.commit();
    this.db.close();
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
