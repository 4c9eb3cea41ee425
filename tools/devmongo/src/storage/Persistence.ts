import type { Doc } from '../bson/paths.ts';
import type { IndexSpec } from './CollectionIndex.ts';

/** What a restart finds on disk for one collection. */
export interface StoredCollection {
  readonly cid: number;
  readonly db: string;
  readonly name: string;
  readonly indexes: readonly IndexSpec[];
  readonly docs: Iterable<Doc>;
}

/**
 * Where the catalog and documents go. Document writes are buffered and made
 * durable together by `commit()`, which the server calls before it answers a
 * command: one transaction per command is what makes bulk writes cheap.
 */
export interface Persistence {
  load(): StoredCollection[];
  createCollection(db: string, name: string, indexes: readonly IndexSpec[]): number;
  setIndexes(cid: number, indexes: readonly IndexSpec[]): void;
  renameCollection(cid: number, db: string, name: string): void;
  dropCollection(cid: number): void;
  put(cid: number, key: string, doc: Doc): void;
  delete(cid: number, key: string): void;
  /** `sync` also forces the writes to disk (fsync), for `writeConcern: { j: true }`. */
  commit(options?: { sync?: boolean }): void;
  close(): void;
}

/** Without a data directory nothing is kept; the catalog ids still have to be unique. */
export class MemoryPersistence implements Persistence {
  private nextId = 1;
  load(): StoredCollection[] {
    return [];
  }
  createCollection(): number {
    return this.nextId++;
  }
  setIndexes(): void {}
  renameCollection(): void {}
  dropCollection(): void {}
  put(): void {}
  delete(): void {}
  commit(): void {}
  close(): void {}
}
