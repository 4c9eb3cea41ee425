import { keyOf } from '../bson/keyOf.ts';
import type { Doc } from '../bson/paths.ts';
import { CollectionIndex, type IndexEntry, type IndexSpec } from './CollectionIndex.ts';
import type { Persistence } from './Persistence.ts';

export const idIndexSpec: IndexSpec = { name: '_id_', key: { _id: 1 } };

/**
 * One collection held in memory: documents by primary key in insertion
 * (natural) order, plus its indexes. Documents are never mutated in place:
 * an update stores a new object, so open cursors keep a consistent snapshot.
 */
export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly indexes = new Map<string, CollectionIndex>();

  constructor(
    readonly cid: number,
    public db: string,
    public name: string,
    private readonly persistence: Persistence,
  ) {
    this.indexes.set(idIndexSpec.name, new CollectionIndex(idIndexSpec));
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get indexSpecs(): IndexSpec[] {
    return [...this.indexes.values()].map((i) => i.spec);
  }

  /** Adds an index and backfills it; fails (and leaves nothing behind) on duplicates. */
  addIndex(spec: IndexSpec): void {
    const index = new CollectionIndex(spec);
    for (const [id, doc] of this.docs) {
      const entries = index.entriesOf(doc, id);
      const conflict = index.findConflict(entries);
      if (conflict) throw index.duplicateKeyError(this.ns, conflict);
      index.add(entries);
    }
    this.indexes.set(spec.name, index);
    this.persistence.setIndexes(this.cid, this.indexSpecs);
  }

  dropIndex(name: string): void {
    this.indexes.delete(name);
    this.persistence.setIndexes(this.cid, this.indexSpecs);
  }

  /** Loads a stored document at start; indexes are rebuilt, nothing is written back. */
  restore(doc: Doc): void {
    const id = keyOf(doc._id);
    this.docs.set(id, doc);
    for (const index of this.indexes.values()) index.add(index.entriesOf(doc, id));
  }

  insert(doc: Doc): void {
    const id = keyOf(doc._id);
    if (this.docs.has(id)) {
      const idIndex = this.indexes.get(idIndexSpec.name) as CollectionIndex;
      throw idIndex.duplicateKeyError(this.ns, { values: [doc._id], id });
    }
    const planned = this.plan(doc, id);
    for (const [index, entries] of planned) index.add(entries);
    this.docs.set(id, doc);
    this.persistence.put(this.cid, id, doc);
  }

  /** Swaps a stored document for its new version; `_id` is the same by construction. */
  replace(previous: Doc, next: Doc): void {
    const id = keyOf(previous._id);
    const old = new Map<CollectionIndex, IndexEntry[]>();
    for (const index of this.indexes.values()) old.set(index, index.entriesOf(previous, id));
    for (const [index, entries] of old) index.remove(entries);
    try {
      const planned = this.plan(next, id);
      for (const [index, entries] of planned) index.add(entries);
    } catch (error) {
      for (const [index, entries] of old) index.add(entries);
      throw error;
    }
    this.docs.set(id, next);
    this.persistence.put(this.cid, id, next);
  }

  remove(doc: Doc): void {
    const id = keyOf(doc._id);
    for (const index of this.indexes.values()) index.remove(index.entriesOf(doc, id));
    this.docs.delete(id);
    this.persistence.delete(this.cid, id);
  }

  getById(idValue: unknown): Doc | undefined {
    return this.docs.get(keyOf(idValue));
  }

  // Computes every index's entries and checks uniqueness before touching anything,
  // so a duplicate leaves the collection exactly as it was.
  private plan(doc: Doc, id: string): Map<CollectionIndex, IndexEntry[]> {
    const planned = new Map<CollectionIndex, IndexEntry[]>();
    for (const index of this.indexes.values()) {
      const entries = index.entriesOf(doc, id);
      const conflict = index.findConflict(entries);
      if (conflict) throw index.duplicateKeyError(this.ns, conflict);
      planned.set(index, entries);
    }
    return planned;
  }
}
