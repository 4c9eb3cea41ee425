import { INT64_MAX, TOMBSTONE_REVISION, type RecordedEvent } from '../storage/types.ts';
import { toWireUuid } from './wireUuid.ts';

/**
 * A ReadResp carrying one event, with the metadata keys the clients read (type,
 * content-type, created in .NET ticks), as an object for protobufjs. The server
 * sends encodeReadEvent's bytes instead; this is the reference they are tested against.
 */
export function eventResponseObject(event: RecordedEvent, structuredIds: boolean): object {
  const position = String(event.position);
  return {
    event: {
      event: {
        id: toWireUuid(event.id, structuredIds),
        stream_identifier: { stream_name: Buffer.from(event.stream, 'utf8') },
        stream_revision: event.revision === TOMBSTONE_REVISION ? INT64_MAX : String(event.revision),
        prepare_position: position,
        commit_position: position,
        metadata: { type: event.type, 'content-type': event.contentType, created: `${event.createdMs}0000` },
        custom_metadata: event.metadata,
        data: event.data,
      },
      commit_position: position,
    },
  };
}

export function streamNotFoundResponse(stream: string): object {
  return { stream_not_found: { stream_identifier: { stream_name: Buffer.from(stream, 'utf8') } } };
}

export function checkpointResponse(position: number): object {
  return { checkpoint: { commit_position: String(position), prepare_position: String(position) } };
}

export function confirmationResponse(subscriptionId: string): object {
  return { confirmation: { subscription_id: subscriptionId } };
}

/** `at` is the last stream revision (stream subscription) or `$all` position delivered so far. */
export function caughtUpResponse(at: { revision: number } | { position: number }): object {
  const now = Date.now();
  const timestamp = { seconds: String(Math.floor(now / 1000)), nanos: (now % 1000) * 1_000_000 };
  if ('revision' in at) return { caught_up: at.revision >= 0 ? { timestamp, stream_revision: String(at.revision) } : { timestamp } };
  return { caught_up: { timestamp, position: { commit_position: String(at.position), prepare_position: String(at.position) } } };
}
