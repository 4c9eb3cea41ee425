import type { ViewUpdate } from './AggregatorDefinition.ts';

type Operator = '$set' | '$unset' | '$inc' | '$push' | '$setOnInsert';

const MERGEABLE = new Set<string>(['$set', '$unset', '$inc', '$push', '$setOnInsert']);

const isModifierObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((k) => k.startsWith('$'));

// `a` and `a.b` (or `a.b` and `a`) touch the same data: MongoDB refuses both in one update.
const overlaps = (a: string, b: string): boolean =>
  a.length < b.length ? b.startsWith(a) && b.charCodeAt(a.length) === 46 : a.startsWith(b) && a.charCodeAt(b.length) === 46;

/**
 * Folds consecutive updates of one document into one update whose effect is
 * exactly theirs applied in order, or refuses. Accepted: `$set` and `$unset`
 * (the later value wins), `$inc` by safe integers (summed, so a counter ends
 * where the steps would have), `$push` of plain values (appended with
 * `$each`), and `$setOnInsert` on the first update only (the later ones
 * never insert). Any other operator, a push modifier, or two updates touching
 * one path through different operators (or a path and its parent) is refused,
 * and the caller starts a new update there.
 */
export class UpdateMerger {
  private readonly operatorOf = new Map<string, Operator>();
  private readonly set: Record<string, unknown> = {};
  private readonly unset: Record<string, ''> = {};
  private readonly inc: Record<string, number> = {};
  private readonly push = new Map<string, unknown[]>();
  private readonly setOnInsert: Record<string, unknown> = {};
  private updates = 0;

  /** Adds the next update if the result stays exact; otherwise changes nothing and says false. */
  add(update: ViewUpdate): boolean {
    if (!this.accepts(update)) return false;
    for (const operator in update) {
      const fields = update[operator as Operator];
      if (!fields) continue;
      for (const path in fields) this.apply(operator as Operator, path, fields[path]);
    }
    this.updates += 1;
    return true;
  }

  /** The merged update (without the `_position` bookkeeping, which the caller adds). */
  build(): Record<string, Record<string, unknown>> {
    const update: Record<string, Record<string, unknown>> = {};
    if (this.operatorOf.size === 0) return update;
    const put = (operator: Operator, fields: Record<string, unknown>) => {
      for (const _path in fields) {
        update[operator] = fields;
        return;
      }
    };
    put('$set', this.set);
    put('$unset', this.unset);
    put('$inc', this.inc);
    put('$setOnInsert', this.setOnInsert);
    if (this.push.size > 0) {
      const push: Record<string, unknown> = {};
      for (const [path, values] of this.push) push[path] = values.length === 1 ? values[0] : { $each: values };
      update.$push = push;
    }
    return update;
  }

  private accepts(update: ViewUpdate): boolean {
    for (const operator in update) {
      if (!MERGEABLE.has(operator)) return false;
      if (operator === '$setOnInsert' && this.updates > 0) return false;
      const fields = update[operator as Operator];
      if (!fields) continue;
      for (const path in fields) {
        const value = fields[path];
        if (operator === '$inc' && !Number.isSafeInteger(value)) return false;
        if (operator === '$push' && isModifierObject(value)) return false;
        const existing = this.operatorOf.get(path);
        if (existing !== undefined) {
          if (existing !== operator || operator === '$setOnInsert') return false;
          if (operator === '$inc' && !Number.isSafeInteger((this.inc[path] as number) + (value as number))) return false;
          continue;
        }
        for (const other of this.operatorOf.keys()) if (overlaps(other, path)) return false;
      }
    }
    return true;
  }

  private apply(operator: Operator, path: string, value: unknown): void {
    this.operatorOf.set(path, operator);
    if (operator === '$set') this.set[path] = value;
    else if (operator === '$unset') this.unset[path] = '';
    else if (operator === '$inc') this.inc[path] = (this.inc[path] ?? 0) + (value as number);
    else if (operator === '$setOnInsert') this.setOnInsert[path] = value;
    else {
      const values = this.push.get(path);
      if (values) values.push(value);
      else this.push.set(path, [value]);
    }
  }
}
