import { isDeepStrictEqual } from 'node:util';
import { validateMessage, type CommandType } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import { formatPosition, streamNames, type MessageStore, type Recorded } from '@causeway/runtime';
import type { CommandRoute } from './userCommands.ts';

/** What `202 Accepted` answers: the command id, its place in the log, and its stream. */
export interface AcceptedCommand {
  readonly commandId: string;
  readonly position: string;
  readonly stream: string;
}

export interface CommandToSend {
  readonly type: CommandType;
  readonly data: unknown;
  readonly route: CommandRoute;
  readonly userId: string;
  /** The client's Idempotency-Key, else a fresh id. */
  readonly commandId: string;
}

/** Finds the stream a command id was written to (the command-status view), for keys reused across streams. */
export type KnownCommandLookup = (commandId: string) => Promise<{ stream: string } | undefined>;

/**
 * How far back a command stream is searched for a repeated Idempotency-Key that the
 * command-status view may not show yet. The view trails the log by milliseconds, seconds
 * when overloaded; a hundred commands on one entity in that time is far beyond what the
 * benchmarks produce. A key older than that and missing from the view (the aggregator down
 * for long) is appended again: the store recognises the event id and writes nothing, and the
 * component ignores a command id it has seen; only a 409 for different data would be missed.
 */
const recentCommands = 100;

/**
 * Writes a validated command to its stream with the envelope metadata. A
 * repeated Idempotency-Key is answered from the log (same command: the first
 * answer again; anything else under that key: 409), so a repeat writes nothing.
 */
export class CommandSender {
  constructor(
    private readonly store: MessageStore,
    private readonly known: KnownCommandLookup,
  ) {}

  /** Schema check of command data: 400 with every violation, nothing written. */
  static validate(type: CommandType, data: unknown): void {
    const result = validateMessage(type, data);
    if (!result.ok) {
      throw new CausewayError('VALIDATION_FAILED', `${type}: ${result.issues.length} violation(s) of the contract`, { type, issues: result.issues });
    }
  }

  async send(command: CommandToSend): Promise<AcceptedCommand> {
    const stream = streamNames.command(command.route.category, command.route.id);
    const repeat = await this.findRepeat(command, stream);
    if (repeat) return repeat;
    const outcome = await this.store.append(stream, [{ id: command.commandId, type: command.type, data: command.data, metadata: { userId: command.userId } }]);
    if (!outcome.position) throw new CausewayError('INTERNAL', `the store returned no position for ${command.commandId}`);
    return { commandId: command.commandId, position: formatPosition(outcome.position), stream };
  }

  private async findRepeat(command: CommandToSend, stream: string): Promise<AcceptedCommand | undefined> {
    // Both lookups at once: each is a round trip to a store, and every command waits for them.
    const [elsewhere, found] = await Promise.all([this.known(command.commandId), this.findInStream(stream, command.commandId)]);
    if (elsewhere && elsewhere.stream !== stream) throw reused(command.commandId);
    if (!found) return undefined;
    const same = found.type === command.type && isDeepStrictEqual(found.data, command.data) && found.metadata.userId === command.userId;
    if (!same) throw reused(command.commandId);
    return { commandId: found.id, position: formatPosition(found.position), stream };
  }

  // The command-status view knows every command once it has caught up; the stream's recent end
  // covers what the view may not have applied yet. Reading the whole stream instead made each
  // command cost O(commands on that entity): a PlaceBid read every earlier bid on its auction.
  private async findInStream(stream: string, commandId: string): Promise<Recorded | undefined> {
    return (await this.store.readRecent(stream, recentCommands)).find((message) => message.id === commandId);
  }
}

function reused(commandId: string): CausewayError {
  return new CausewayError('CONFLICT', `Idempotency-Key ${commandId} was already used for a different command`, { commandId });
}
