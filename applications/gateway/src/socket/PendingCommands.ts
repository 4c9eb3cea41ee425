/** What the follower remembers of a user's command while its outcome may still arrive. */
export interface PendingCommand {
  readonly commandId: string;
  readonly type: string;
  readonly userId: string;
}

const keyOf = (commandId: string, userId: string): string => `${commandId}\n${userId}`;

/**
 * Command id and sender → the command, learned from the log. Keyed by the
 * sender as well as the id: a command id is chosen by the client, so two
 * users' commands can carry one id, and each one's outcomes belong to its own
 * sender only (an id alone let the later command take over the earlier one's
 * lifecycle). Bounded twice, so a busy or long-running gateway cannot grow
 * without end: entries expire after `ttlMs` (outcomes of older commands are no
 * longer announced), and past `maxEntries` the oldest go first. A Map keeps
 * insertion order, which is also expiry order because every entry gets the
 * same lifetime.
 */
export class PendingCommands {
  private readonly entries = new Map<string, { command: PendingCommand; expires: number }>();
  /** Command id → the senders remembered for it (almost always one). */
  private readonly senders = new Map<string, Set<string>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  remember(command: PendingCommand): void {
    const key = keyOf(command.commandId, command.userId);
    this.entries.delete(key);
    this.entries.set(key, { command, expires: this.now() + this.ttlMs });
    let users = this.senders.get(command.commandId);
    if (!users) this.senders.set(command.commandId, (users = new Set()));
    users.add(command.userId);
    this.prune();
  }

  /**
   * The command `commandId` sent by `userId` (the user an event names in its metadata, as the
   * runtime carries it from command to outcome). An event that names no user belongs to the
   * command's sender only when exactly one user sent a command with that id; else to nobody.
   */
  get(commandId: string | undefined, userId?: string): PendingCommand | undefined {
    if (commandId === undefined) return undefined;
    let sender = userId;
    if (sender === undefined) {
      const users = this.senders.get(commandId);
      if (users?.size !== 1) return undefined;
      sender = users.values().next().value as string;
    }
    const key = keyOf(commandId, sender);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.forget(key, entry.command);
      return undefined;
    }
    return entry.command;
  }

  get size(): number {
    return this.entries.size;
  }

  private forget(key: string, command: PendingCommand): void {
    this.entries.delete(key);
    const users = this.senders.get(command.commandId);
    users?.delete(command.userId);
    if (users?.size === 0) this.senders.delete(command.commandId);
  }

  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expires > now && this.entries.size <= this.maxEntries) break;
      this.forget(key, entry.command);
    }
  }
}
