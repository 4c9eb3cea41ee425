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

  // Command streams are per entity, so reading one is short; the view may lag, the log does not.
  // The read runs to its end before deciding: leaving it early leaves its gRPC call open.
  private async findInStream(stream: string, commandId: string): Promise<Recorded | undefined> {
    let found: Recorded | undefined;
    for await (const message of this.store.readStream(stream)) if (message.id === commandId) found = message;
    return found;
  }
}

function reused(commandId: string): CausewayError {
  return new CausewayError('CONFLICT', `Idempotency-Key ${commandId} was already used for a different command`, { commandId });
}
