import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import type { CommandType } from '@causeway/contracts';
import { CausewayError, isCausewayError } from '@causeway/errors';
import { formatPosition, streamNames, type CommandTarget, type MessageStore, type Recorded } from '@causeway/runtime';
import { canonicalJson } from './canonicalJson.ts';

/** What `202 Accepted` answers: the command id, its place in the log, and its stream. */
export interface AcceptedCommand {
  readonly commandId: string;
  readonly position: string;
  readonly stream: string;
}

export interface CommandToSend {
  readonly type: CommandType;
  readonly data: unknown;
  readonly target: CommandTarget;
  readonly userId: string;
  /**
   * The client's Idempotency-Key. Without one a fresh id is minted, which no earlier
   * command can carry, so nothing is looked up: the check costs a view query and a
   * stream read, a third of the gateway's work per command.
   */
  readonly commandId?: string | undefined;
}

/**
 * The command-status view, which knows every command up to its checkpoint: where a command
 * id was written (for keys reused across streams), and how far the view has got.
 */
export interface CommandView {
  find(commandId: string): Promise<{ stream: string } | undefined>;
  /** Whether the view follows this stream's category (its checkpoint vouches for no other). */
  follows(stream: string): boolean;
  /** The view's checkpoint (a `formatPosition` string): every command it follows at or before it is in the view. */
  checkpoint(): Promise<string | undefined>;
}

// How old a reading of the view's checkpoint may be before a command waits for a fresh one,
// and before one is fetched in the background (not per command: one read per round trip
// under load was as many checkpoint queries as commands).
const maxCheckpointAgeMs = 1_000;
const refreshAfterMs = 100;

// Pages read backwards from a stream's end while looking for commands the view may not show yet:
// small first, as the part past the view's checkpoint is usually a few commands (the client
// decodes every event read, ~50 µs each: a first page of 20 on a busy auction cost 1.6 ms of CPU
// against 0.65 ms for one), then growing, for a view that is far behind.
const firstPage = 4;
const pageGrowth = 4;
const largestPage = 256;

// How long a request that lost the claim of its key waits for the winner's command to appear
// before writing it itself (the winner may have died between its claim and its write).
const claimWinnerWaitMs = 2_000;
/** The stream in which an Idempotency-Key is claimed for one command. */
const claimStream = (key: string) => streamNames.entity('idempotency', key);

/**
 * Writes a prepared command (prepareCommand) to its stream with the envelope metadata. A
 * repeated Idempotency-Key is answered from the log (same command: the first
 * answer again; anything else under that key: 409), so a repeat writes nothing.
 */
export class CommandSender {
  private latest: { readonly position: string | undefined; readonly readAtMs: number } | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly store: MessageStore,
    private readonly view: CommandView,
  ) {}

  /**
   * The first answer for a command sent again under its Idempotency-Key, before anything else is
   * checked: a retry after a lost response must get that answer, even once the command has changed
   * what a precondition looks at (a document's version). Undefined for a new key; 409 for a key
   * used for something else.
   */
  async repeatOf(command: CommandToSend): Promise<AcceptedCommand | undefined> {
    if (command.commandId === undefined) return undefined;
    return this.findRepeat(command, command.commandId, streamNames.command(command.target.category, command.target.id));
  }

  async send(command: CommandToSend): Promise<AcceptedCommand> {
    const stream = streamNames.command(command.target.category, command.target.id);
    const key = command.commandId;
    if (key === undefined) return this.write(command, randomUUID(), stream);
    const repeat = await this.findRepeat(command, key, stream);
    if (repeat) return repeat;
    // Two requests with one key can both get here (two tabs, two gateway instances, two routes): the
    // key's own stream settles it. The first claim wins and writes; the others compare what they
    // carry with the claim: the same command gets the same answer, anything else 409.
    const claim = {
      key,
      commandType: command.type,
      stream,
      userId: command.userId,
      dataSha256: createHash('sha256').update(canonicalJson(command.data)).digest('hex'),
    };
    try {
      await this.store.append(claimStream(key), [{ type: 'IdempotencyKeyClaimed', data: claim }], { expectedRevision: 'no_stream' });
    } catch (error) {
      if (!isCausewayError(error, 'WRONG_EXPECTED_VERSION')) throw error;
      return this.afterLostClaim(command, key, stream, claim);
    }
    return this.write(command, key, stream);
  }

  private async write(command: CommandToSend, commandId: string, stream: string): Promise<AcceptedCommand> {
    const outcome = await this.store.append(stream, [{ id: commandId, type: command.type, data: command.data, metadata: { userId: command.userId } }]);
    if (!outcome.position) throw new CausewayError('INTERNAL', `the store returned no position for ${commandId}`);
    return { commandId, position: formatPosition(outcome.position), stream };
  }

  /**
   * Another request claimed this key first. Its claim says for what: another command, stream, user
   * or data is 409; the same command is answered as the winner is (its command, once written). A
   * winner that died between claim and write leaves the claim alone: after a wait, this writes the
   * command itself, with the key as its id, which a late write of the winner's repeats harmlessly.
   */
  private async afterLostClaim(command: CommandToSend, key: string, stream: string, mine: Record<string, string>): Promise<AcceptedCommand> {
    const claimed = await this.store.readLast(claimStream(key));
    const theirs = claimed?.type === 'IdempotencyKeyClaimed' ? (claimed.data as unknown as Record<string, string>) : undefined;
    if (!theirs || Object.keys(mine).some((k) => mine[k] !== theirs[k])) throw reused(key);
    const deadline = Date.now() + claimWinnerWaitMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      const found = await this.findAfter(stream, key, undefined);
      if (found) return { commandId: found.id, position: formatPosition(found.position), stream };
      if (Date.now() >= deadline) return this.write(command, key, stream);
      await sleep(pause);
    }
  }

  /**
   * The view answers for every command up to its checkpoint, the stream for what came after
   * (the view trails the log by milliseconds, seconds when overloaded). So only the stream's
   * end past the checkpoint is read, usually nothing or a few commands. Reading the whole
   * stream made each command cost O(commands on that entity): a PlaceBid read every earlier
   * bid on its auction. The checkpoint used was read before the view is asked: a command the
   * view applies in between is then found by one or the other, never by neither.
   */
  private async findRepeat(command: CommandToSend, commandId: string, stream: string): Promise<AcceptedCommand | undefined> {
    const covered = this.view.follows(stream) ? await this.checkpointReadEarlier() : undefined;
    const [elsewhere, recent] = await Promise.all([this.view.find(commandId), this.findAfter(stream, commandId, covered)]);
    if (elsewhere && elsewhere.stream !== stream) throw reused(commandId);
    // Known to the view but older than what was read: a real repeat, rare; find the original.
    const found = recent ?? (elsewhere ? await this.findAnywhere(stream, commandId) : undefined);
    if (!found) return undefined;
    const same = found.type === command.type && isDeepStrictEqual(found.data, command.data) && found.metadata.userId === command.userId;
    if (!same) throw reused(commandId);
    return { commandId: found.id, position: formatPosition(found.position), stream };
  }

  /**
   * A reading of the view's checkpoint that completed before this call, so before the lookups
   * that follow it. Under load the last reading is recent enough, and a newer one is fetched
   * in the background every `refreshAfterMs`, so no command waits on a round trip for it; an
   * older reading only means reading a little more of the stream.
   */
  private async checkpointReadEarlier(): Promise<string | undefined> {
    const latest = this.latest;
    const age = latest ? Date.now() - latest.readAtMs : Number.POSITIVE_INFINITY;
    if (age >= refreshAfterMs) void this.refresh();
    if (latest && age < maxCheckpointAgeMs) return latest.position;
    await this.refresh();
    return this.latest?.position;
  }

  private refresh(): Promise<void> {
    this.refreshing ??= this.view
      .checkpoint()
      .then((position) => {
        this.latest = { position, readAtMs: Date.now() };
      })
      // A failed read leaves the last reading (or none: then the whole stream is searched).
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  /** The command with this id among those of the stream after `covered` (all of them when undefined). */
  private async findAfter(stream: string, commandId: string, covered: string | undefined): Promise<Recorded | undefined> {
    let before: bigint | undefined;
    for (let pageSize = firstPage; ; pageSize = Math.min(pageSize * pageGrowth, largestPage)) {
      const page = await this.store.readRecent(stream, pageSize, before);
      for (const message of page) {
        if (covered !== undefined && formatPosition(message.position) <= covered) return undefined;
        if (message.id === commandId) return message;
      }
      const oldest = page.at(-1);
      if (page.length < pageSize || !oldest || oldest.revision === 0n) return undefined;
      before = oldest.revision - 1n;
    }
  }

  // The read runs to its end before deciding: leaving it early leaves its gRPC call open.
  private async findAnywhere(stream: string, commandId: string): Promise<Recorded | undefined> {
    let found: Recorded | undefined;
    for await (const message of this.store.readStream(stream)) if (message.id === commandId) found = message;
    return found;
  }
}

function reused(commandId: string): CausewayError {
  return new CausewayError('CONFLICT', `Idempotency-Key ${commandId} was already used for a different command`, { commandId });
}
