import { compareValues, typeRank } from '../bson/compareValues.ts';
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
    // Only indexes whose keys change are touched: a typical projector update moves none.
    const changes: { index: CollectionIndex; before: IndexEntry[]; after: IndexEntry[] }[] = [];
    for (const index of this.indexes.values()) {
      const before = index.entriesOf(previous, id);
      const after = index.entriesOf(next, id);
      if (!sameEntries(before, after)) changes.push({ index, before, after });
    }
    for (const { index, before } of changes) index.remove(before);
    try {
      for (const { index, after } of changes) {
        const conflict = index.findConflict(after);
        if (conflict) throw index.duplicateKeyError(this.ns, conflict);
      }
    } catch (error) {
      for (const { index, before } of changes) index.add(before);
      throw error;
    }
    for (const { index, after } of changes) index.add(after);
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

function sameEntries(a: readonly IndexEntry[], b: readonly IndexEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = (a[i] as IndexEntry).values;
    const y = (b[i] as IndexEntry).values;
    for (let j = 0; j < x.length; j++) if (compareValues(x[j], y[j]) !== 0 || typeRank(x[j]) !== typeRank(y[j])) return false;
  }
  return true;
}
