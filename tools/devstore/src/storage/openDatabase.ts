import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CausewayError } from '@causeway/errors';

export type Durability = 'fsync' | 'process';

/**
 * Opens (or creates) the store's SQLite file. Events live only here, so the
 * process holds no more than SQLite's page cache whatever the store's size.
 *
 * Durability 'process' (the default, synchronous=NORMAL) hands every commit
 * to the OS before the append is acknowledged, so acknowledged appends survive
 * kill -9 of the process, not a power cut. 'fsync' (synchronous=FULL) also
 * syncs the WAL on every commit: power-safe, but one fsync per transaction
 * (about 1 ms on these shared VMs) caps sequential appends near 1,000/s.
 * Group commit spreads that cost over every append waiting at the time.
 */
export function openDatabase(dataDir: string | undefined, durability: Durability): Database.Database {
  let file = ':memory:';
  if (dataDir !== undefined) {
    fs.mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, 'events.sqlite');
  }
  const db = new Database(file, { timeout: 0 });
  if (dataDir !== undefined) {
    // One store per directory: commits wake only this process's subscribers,
    // so a second process on the same file would serve stale subscriptions.
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.pragma('journal_mode = WAL');
    } catch (error) {
      db.close();
      throw new CausewayError('CONFLICT', `the devstore data directory ${dataDir} is in use by another process`, { dataDir }, { cause: error });
    }
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
    CREATE TABLE IF NOT EXISTS streams (
      name TEXT PRIMARY KEY,
      last_rev INTEGER NOT NULL,
      state INTEGER NOT NULL
    ) WITHOUT ROWID;
  `);
  return db;
}
