/** Bounds work in flight; `acquire` waits for a free slot, in arrival order. */
export class Semaphore {
  private available: number;
  private readonly waiting: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];

  constructor(readonly slots: number) {
    this.available = slots;
  }

  async acquire(): Promise<void> {
    if (this.available > 0) {
      this.available -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.available += 1;
    if (this.available === this.slots) this.idleWaiters.splice(0).forEach((r) => r());
  }

  /** Resolves once nothing is in flight. */
  async idle(): Promise<void> {
    if (this.available === this.slots) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }
}
