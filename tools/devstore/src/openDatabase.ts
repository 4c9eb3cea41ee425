import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Durability = 'fsync' | 'process';

/**
 * Opens (or creates) the store's SQLite file. Events live only here, so the
 * process holds no more than SQLite's page cache whatever the store's size.
 *
 * Durability 'fsync' (synchronous=FULL) syncs the WAL on every commit, so an
 * acknowledged append survives power loss; 'process' (synchronous=NORMAL)
 * survives kill -9 of the process but not of the machine. Group commit makes
 * the sync cost per transaction, not per append.
 */
export function openDatabase(dataDir: string | undefined, durability: Durability): Database.Database {
  let file = ':memory:';
  if (dataDir !== undefined) {
    fs.mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, 'events.sqlite');
  }
  const db = new Database(file);
  if (dataDir !== undefined) {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${durability === 'fsync' ? 'FULL' : 'NORMAL'}`);
  }
  db.pragma('cache_size = -16000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      pos INTEGER PRIMARY KEY,
      stream TEXT NOT NULL,
      rev INTEGER NOT NULL,
      id TEXT NOT NULL,
      type TEXT NOT NULL,
      content_type TEXT NOT NULL,
      created INTEGER NOT NULL,
      data BLOB NOT NULL,
      metadata BLOB NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (stream, rev);
    CREATE INDEX IF NOT EXISTS events_by_id ON events (id);
    CREATE TABLE IF NOT EXISTS streams (
      name TEXT PRIMARY KEY,
      last_rev INTEGER NOT NULL,
      state INTEGER NOT NULL
    ) WITHOUT ROWID;
  `);
  return db;
}
