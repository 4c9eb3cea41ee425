import { formatPosition, parsePosition, type LogPosition } from '../messages/LogPosition.ts';
import type { MessageStore } from '../store/MessageStore.ts';
import { streamNames } from '../messages/streamNames.ts';

/** How many position records a consumer keeps: only the last one is ever read. */
const KEEP = 10;

/**
 * A consumer's position in its own stream `<name>:position` (DESIGN.md
 * section 3). The stream is capped with `$maxCount` so it never grows.
 */
export class PositionStream {
  private capped = false;
  private lastWritten: string | undefined;

  constructor(
    private readonly store: MessageStore,
    readonly consumer: string,
  ) {}

  get stream(): string {
    return streamNames.position(this.consumer);
  }

  async read(): Promise<LogPosition | undefined> {
    const last = await this.store.readLast(this.stream);
    if (last?.type !== 'PositionRecorded') return undefined;
    this.lastWritten = last.data.position;
    return parsePosition(last.data.position);
  }

  /** Writes the position unless it is the one already stored. */
  async write(position: LogPosition): Promise<void> {
    const text = formatPosition(position);
    if (text === this.lastWritten) return;
    if (!this.capped) {
      await this.store.client.setStreamMetadata(this.stream, { maxCount: KEEP });
      this.capped = true;
    }
    await this.store.append(this.stream, [{ type: 'PositionRecorded', data: { consumer: this.consumer, position: text } }]);
    this.lastWritten = text;
  }
}
