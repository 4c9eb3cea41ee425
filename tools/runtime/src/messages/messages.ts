import type { CommandType, EventType, MessageDataMap } from '@causeway/contracts';
import type { LogPosition } from './LogPosition.ts';

/** Causeway's metadata keys (docs/ARCHITECTURE.md §3); other keys pass through. */
export interface MessageMetadata {
  readonly correlationId: string;
  readonly causationId: string;
  readonly userId?: string;
  readonly schema: string;
  readonly traceparent?: string;
  /** Stream of the process awaiting this command's outcome (a saga). */
  readonly replyTo?: string;
  readonly [key: string]: unknown;
}

export type MessageType = keyof MessageDataMap;

/** A message to be written: type and data, typed by the contracts. */
export type Outgoing<K extends MessageType = MessageType> = {
  [T in K]: { readonly type: T; readonly data: MessageDataMap[T] };
}[K];

/** A message as read back: envelope, place in its stream and in `$all`. */
export type Recorded<K extends MessageType = MessageType> = {
  [T in K]: {
    readonly id: string;
    readonly type: T;
    readonly data: MessageDataMap[T];
    readonly metadata: MessageMetadata;
    readonly streamName: string;
    readonly revision: bigint;
    readonly position: LogPosition;
    readonly created: Date;
  };
}[K];

export type RecordedCommand<K extends CommandType = CommandType> = Recorded<K>;
export type RecordedEvent<K extends EventType = EventType> = Recorded<K>;
export type EmittedEvent<K extends EventType = EventType> = Outgoing<K>;
