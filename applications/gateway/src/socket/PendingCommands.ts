/** What the follower remembers of a user's command while its outcome may still arrive. */
export interface PendingCommand {
  readonly commandId: string;
  readonly type: string;
  readonly userId: string;
}

/**
 * Command id → who sent it, learned from the log. Bounded twice, so a busy
 * or long-running gateway cannot grow without end: entries expire after
 * `ttlMs` (outcomes of older commands are no longer announced), and past
 * `maxEntries` the oldest go first. A Map keeps insertion order, which is
 * also expiry order because every entry gets the same lifetime.
 */
export class PendingCommands {
  private readonly entries = new Map<string, { command: PendingCommand; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  remember(command: PendingCommand): void {
    this.entries.delete(command.commandId);
    this.entries.set(command.commandId, { command, expires: this.now() + this.ttlMs });
    this.prune();
  }

  get(commandId: string): PendingCommand | undefined {
    const entry = this.entries.get(commandId);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(commandId);
      return undefined;
    }
    return entry.command;
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (entry.expires > now && this.entries.size <= this.maxEntries) break;
      this.entries.delete(id);
    }
  }
}
