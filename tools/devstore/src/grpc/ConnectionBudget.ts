/**
 * The bytes of incomplete request messages one HTTP/2 connection may hold.
 * The store reads every stream eagerly (flow control never pushes back on the
 * client), and a gRPC message is decoded only once whole, so without this a
 * client could open stream after stream, each with a large message it never
 * finishes, and grow the store's memory without bound.
 */
export class ConnectionBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Takes `bytes` more; false, taking nothing, when that would go over the limit. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used -= bytes;
  }
}
