import { compareValues, typeRank } from '../bson/compareValues.ts';
import { valuesAtPath, type Doc } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import { SortedList } from './SortedList.ts';

export interface IndexSpec {
  readonly name: string;
  readonly key: Readonly<Record<string, 1 | -1>>;
  readonly unique?: boolean;
  readonly sparse?: boolean;
}

/** One index key of one document: the field values in spec order plus the document's primary key. */
export interface IndexEntry {
  readonly values: readonly unknown[];
  readonly id: string;
}

/** Bounds on the first indexed field; a missing side is open up to the edge of the bound's BSON type. */
export interface FieldBounds {
  readonly lower?: { value: unknown; inclusive: boolean };
  readonly upper?: { value: unknown; inclusive: boolean };
}

function compareEntries(a: IndexEntry, b: IndexEntry): number {
  for (let i = 0; i < a.values.length; i++) {
    const c = compareValues(a.values[i], b.values[i]);
    if (c !== 0) return c;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A secondary (or the _id) index over one collection. Entries are kept in
 * ascending key order whatever the spec's directions: directions only matter
 * for index-ordered scans, which the engine does not do (it sorts in memory).
 */
export class CollectionIndex {
  readonly spec: IndexSpec;
  private readonly paths: readonly (readonly string[])[];
  private readonly entries = new SortedList<IndexEntry>(compareEntries);
  /** Set once any document put an array under an indexed field; range planning must then be conservative. */
  multikey = false;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.paths = Object.keys(spec.key).map((field) => field.split('.'));
  }

  get firstField(): string {
    return Object.keys(this.spec.key)[0] as string;
  }

  /** The keys `doc` contributes; throws like the server on parallel arrays. */
  entriesOf(doc: Doc, id: string): IndexEntry[] {
    let arrayFields = 0;
    let allMissing = true;
    const perField = this.paths.map((path) => {
      const found = valuesAtPath(doc, path);
      if (found.length > 0) allMissing = false;
      const expanded: unknown[] = [];
      let isArray = found.length > 1;
      for (const value of found) {
        if (Array.isArray(value)) {
          isArray = true;
          if (value.length === 0) expanded.push(undefined);
          else expanded.push(...value);
        } else expanded.push(value);
      }
      if (isArray) arrayFields += 1;
      return expanded.length === 0 ? [null] : expanded.map((v) => (v === undefined ? null : v));
    });
    if (arrayFields > 0) this.multikey = true;
    if (this.spec.sparse && allMissing) return [];
    if (arrayFields > 1) {
      throw new MongoCommandError('CannotIndexParallelArrays', `cannot index parallel arrays [${this.spec.name}]`);
    }
    let tuples: unknown[][] = [[]];
    for (const values of perField) {
      const next: unknown[][] = [];
      for (const tuple of tuples) for (const v of values) next.push([...tuple, v]);
      tuples = next;
    }
    const out: IndexEntry[] = [];
    for (const values of tuples) {
      if (!out.some((e) => compareEntries(e, { values, id }) === 0)) out.push({ values, id });
    }
    return out;
  }

  /** For unique indexes: the first entry of another document with the same key as one of `entries`. */
  findConflict(entries: readonly IndexEntry[]): IndexEntry | undefined {
    if (!this.spec.unique) return undefined;
    for (const entry of entries) {
      for (const other of this.entries.range(
        (e) => compareTuple(e.values, entry.values) >= 0,
        (e) => compareTuple(e.values, entry.values) === 0,
      )) {
        if (other.id !== entry.id) return entry;
      }
    }
    return undefined;
  }

  add(entries: readonly IndexEntry[]): void {
    for (const entry of entries) this.entries.insert(entry);
  }

  remove(entries: readonly IndexEntry[]): void {
    for (const entry of entries) this.entries.remove(entry);
  }

  /** Primary keys of documents whose first indexed field lies within `bounds`. */
  idsInRange(bounds: FieldBounds, into: Set<string>): void {
    const { lower, upper } = bounds;
    const atOrAfter = lower
      ? (e: IndexEntry) => {
          const c = compareValues(e.values[0], lower.value);
          return lower.inclusive ? c >= 0 : c > 0;
        }
      : upper
        ? (e: IndexEntry) => sameTypeOrAfter(e.values[0], upper.value)
        : () => true;
    const typeOf = lower?.value ?? upper?.value;
    const stillIn = (e: IndexEntry) => {
      if (upper) {
        const c = compareValues(e.values[0], upper.value);
        if (upper.inclusive ? c > 0 : c >= 0) return false;
      }
      return typeOf === undefined || sameType(e.values[0], typeOf);
    };
    for (const entry of this.entries.range(atOrAfter, stillIn)) into.add(entry.id);
  }

  /** Primary keys in index order (ascending on the first field, or descending). */
  *idsInOrder(direction: 1 | -1): Generator<string> {
    const entries = direction === 1 ? this.entries[Symbol.iterator]() : this.entries.descending();
    for (const entry of entries) yield entry.id;
  }

  duplicateKeyError(ns: string, entry: IndexEntry): MongoCommandError {
    const keyValue: Record<string, unknown> = {};
    Object.keys(this.spec.key).forEach((field, i) => {
      keyValue[field] = entry.values[i];
    });
    const shown = Object.entries(keyValue)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`)
      .join(', ');
    return new MongoCommandError('DuplicateKey', `E11000 duplicate key error collection: ${ns} index: ${this.spec.name} dup key: { ${shown} }`, {
      keyPattern: { ...this.spec.key },
      keyValue,
    });
  }
}

function compareTuple(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}

// Range predicates only match values of the bound's BSON type class ("$gt: 5" never matches a string).
function sameType(a: unknown, b: unknown): boolean {
  return typeRank(a) === typeRank(b);
}

function sameTypeOrAfter(a: unknown, b: unknown): boolean {
  return typeRank(a) >= typeRank(b);
}
