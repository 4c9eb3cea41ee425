const maxBlock = 512;

/**
 * An ordered multiset kept as a list of small sorted blocks, so inserts and
 * deletes move at most one block (O(√n)) instead of shifting a 100,000-entry
 * array, and lookups stay two binary searches.
 */
export class SortedList<T> {
  private blocks: T[][] = [];
  private count = 0;

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  insert(item: T): void {
    if (this.blocks.length === 0) {
      this.blocks.push([item]);
      this.count = 1;
      return;
    }
    let b = this.firstBlockWhere((last) => this.compare(last, item) >= 0);
    if (b === this.blocks.length) b -= 1;
    const block = this.blocks[b] as T[];
    const at = lowerIndex(block, (x) => this.compare(x, item) >= 0);
    block.splice(at, 0, item);
    this.count += 1;
    if (block.length > maxBlock) this.blocks.splice(b, 1, block.slice(0, maxBlock / 2), block.slice(maxBlock / 2));
  }

  /** Removes one entry comparing equal to `item`; returns whether one was found. */
  remove(item: T): boolean {
    const b = this.firstBlockWhere((last) => this.compare(last, item) >= 0);
    const block = this.blocks[b];
    if (!block) return false;
    const at = lowerIndex(block, (x) => this.compare(x, item) >= 0);
    if (at >= block.length || this.compare(block[at] as T, item) !== 0) return false;
    block.splice(at, 1);
    this.count -= 1;
    if (block.length === 0) this.blocks.splice(b, 1);
    return true;
  }

  /**
   * Entries from the first one for which `atOrAfter` holds, in order, while
   * `stillIn` holds. `atOrAfter` must be monotone over the list order.
   */
  *range(atOrAfter: (item: T) => boolean, stillIn: (item: T) => boolean): Generator<T> {
    let b = this.firstBlockWhere((last) => atOrAfter(last));
    if (b >= this.blocks.length) return;
    let i = lowerIndex(this.blocks[b] as T[], atOrAfter);
    for (; b < this.blocks.length; b++, i = 0) {
      const block = this.blocks[b] as T[];
      for (; i < block.length; i++) {
        const item = block[i] as T;
        if (!stillIn(item)) return;
        yield item;
      }
    }
  }

  *[Symbol.iterator](): Generator<T> {
    for (const block of this.blocks) yield* block;
  }

  *descending(): Generator<T> {
    for (let b = this.blocks.length - 1; b >= 0; b--) {
      const block = this.blocks[b] as T[];
      for (let i = block.length - 1; i >= 0; i--) yield block[i] as T;
    }
  }

  private firstBlockWhere(pred: (last: T) => boolean): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const block = this.blocks[mid] as T[];
      if (pred(block[block.length - 1] as T)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function lowerIndex<T>(items: readonly T[], pred: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(items[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
