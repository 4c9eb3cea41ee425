import { formatPosition, parsePosition, type LogPosition } from '../messages/LogPosition.ts';
import type { MessageStore } from '../store/MessageStore.ts';
import { streamNames } from '../messages/streamNames.ts';

/** How many checkpoint records a consumer keeps: only the last one is ever read. */
const KEEP = 10;

/**
 * A consumer's checkpoint in its own stream `<name>:checkpoint`
 * (docs/ARCHITECTURE.md §4). The stream is capped with `$maxCount` so it never
 * grows. Consumers that stored their progress before the stream was named so
 * read it from the legacy `<name>:position` stream (`PositionRecorded`) until
 * their first new checkpoint, so the rename replays nothing.
 */
export class CheckpointStream {
  private capped = false;
  private lastWritten: string | undefined;

  constructor(
    private readonly store: MessageStore,
    readonly consumer: string,
  ) {}

  get stream(): string {
    return streamNames.checkpoint(this.consumer);
  }

  async read(): Promise<LogPosition | undefined> {
    const last = await this.store.readLast(this.stream);
    if (last?.type === 'CheckpointRecorded') {
      this.lastWritten = last.data.position;
      return parsePosition(last.data.position);
    }
    const legacy = await this.store.readLast(streamNames.legacyPosition(this.consumer));
    return legacy?.type === 'PositionRecorded' ? parsePosition(legacy.data.position) : undefined;
  }

  /** Writes the checkpoint unless it is the one already stored. */
  async write(position: LogPosition): Promise<void> {
    const text = formatPosition(position);
    if (text === this.lastWritten) return;
    if (!this.capped) {
      await this.store.client.setStreamMetadata(this.stream, { maxCount: KEEP });
      this.capped = true;
    }
    await this.store.append(this.stream, [{ type: 'CheckpointRecorded', data: { consumer: this.consumer, position: text } }]);
    this.lastWritten = text;
  }
}
