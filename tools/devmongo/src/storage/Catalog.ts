import { MongoCommandError } from '../MongoCommandError.ts';
import { Collection, idIndexSpec } from './Collection.ts';
import { CollectionIndex } from './CollectionIndex.ts';
import type { Persistence } from './Persistence.ts';

/** Databases and their collections; every namespace change goes through here and to persistence. */
export class Catalog {
  private readonly databases = new Map<string, Map<string, Collection>>();

  constructor(readonly persistence: Persistence) {
    for (const stored of persistence.load()) {
      const collection = new Collection(stored.cid, stored.db, stored.name, persistence);
      for (const spec of stored.indexes) {
        if (spec.name !== idIndexSpec.name) collection.indexes.set(spec.name, new CollectionIndex(spec));
      }
      for (const doc of stored.docs) collection.restore(doc);
      this.database(stored.db, true).set(stored.name, collection);
    }
  }

  get(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** Like the server, writes and index builds create the collection on first use. */
  getOrCreate(db: string, name: string): Collection {
    const existing = this.get(db, name);
    if (existing) return existing;
    validateName(db, name);
    const cid = this.persistence.createCollection(db, name, [idIndexSpec]);
    const collection = new Collection(cid, db, name, this.persistence);
    this.database(db, true).set(name, collection);
    return collection;
  }

  drop(db: string, name: string): Collection | undefined {
    const collection = this.get(db, name);
    if (!collection) return undefined;
    this.persistence.dropCollection(collection.cid);
    const database = this.databases.get(db);
    database?.delete(name);
    if (database?.size === 0) this.databases.delete(db);
    return collection;
  }

  dropDatabase(db: string): void {
    for (const name of this.collectionNames(db)) this.drop(db, name);
  }

  rename(from: Collection, toDb: string, toName: string): void {
    validateName(toDb, toName);
    const source = this.databases.get(from.db);
    source?.delete(from.name);
    if (source?.size === 0) this.databases.delete(from.db);
    from.db = toDb;
    from.name = toName;
    this.database(toDb, true).set(toName, from);
    this.persistence.renameCollection(from.cid, toDb, toName);
  }

  collectionNames(db: string): string[] {
    return [...(this.databases.get(db)?.keys() ?? [])];
  }

  databaseNames(): string[] {
    return [...this.databases.keys()];
  }

  collections(db: string): Collection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  private database(db: string, create: boolean): Map<string, Collection> {
    let database = this.databases.get(db);
    if (!database) {
      database = new Map();
      if (create) this.databases.set(db, database);
    }
    return database;
  }
}

function validateName(db: string, name: string): void {
  if (db.length === 0 || /[/\\. "$]/.test(db)) throw new MongoCommandError('InvalidNamespace', `Invalid database name: '${db}'`);
  if (name.length === 0 || name.includes('$') || name.includes('\0')) {
    throw new MongoCommandError('InvalidNamespace', `Invalid collection name: ${name}`);
  }
}
