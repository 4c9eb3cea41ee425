import type { EventLog } from '../storage/EventLog.ts';
import { compileFilter, type WireFilterOptions } from '../protocol/eventFilter.ts';
import { internalFailure, invalidArgumentFailure, streamDeletedFailure } from '../protocol/grpcErrors.ts';
import { readEventFrame } from '../protocol/encodeReadEvent.ts';
import type { GrpcCall } from '../grpc/GrpcCall.ts';
import { streamNotFoundResponse } from '../protocol/readResponses.ts';
import { ResponseWriter } from '../grpc/ResponseWriter.ts';
import { subscribe } from './subscribe.ts';
import { pageSize } from '../storage/types.ts';
import { streamNameOf, WireRequestError, type WireStreamIdentifier } from '../protocol/wireRequests.ts';

export interface WireReadOptions {
  readonly stream?: { stream_identifier?: WireStreamIdentifier; revision?: string; start?: object; end?: object };
  readonly all?: { position?: { commit_position?: string }; start?: object; end?: object };
  readonly read_direction?: string;
  readonly count?: string;
  readonly subscription?: object;
  readonly filter?: WireFilterOptions;
  readonly uuid_option?: { structured?: object };
}

/** Streams.Read: plain reads of a stream or `$all`, and subscriptions (delegated to subscribe). */
export function readHandler(log: EventLog): (call: GrpcCall<{ options?: WireReadOptions }>) => void {
  return (call) => {
    const writer = new ResponseWriter(call);
    const options = call.request.options;
    const run = async () => {
      if (!options || (!options.stream && !options.all)) throw new WireRequestError(invalidArgumentFailure('Read options are missing.'));
      if (options.subscription) return subscribe(log, options, writer);
      return read(log, options, writer);
    };
    run().then(
      () => writer.end(),
      (error: unknown) => writer.fail(error instanceof WireRequestError ? error.failure : internalFailure(error)),
    );
  };
}

async function read(log: EventLog, options: WireReadOptions, writer: ResponseWriter): Promise<void> {
  const structured = options.uuid_option?.structured !== undefined;
  const direction = options.read_direction === 'Backwards' ? 'backwards' : 'forwards';
  let remaining = options.count !== undefined ? Number(options.count) : Number.MAX_SAFE_INTEGER;

  if (options.stream) {
    const stream = streamNameOf(options.stream.stream_identifier);
    const info = log.streamInfo(stream);
    if (info.kind === 'deleted') throw new WireRequestError(streamDeletedFailure(stream));
    if (info.kind === 'missing') return writer.write(streamNotFoundResponse(stream));
    let revision: number;
    if (options.stream.revision !== undefined) revision = Number(options.stream.revision);
    else if (options.stream.end) revision = direction === 'forwards' ? info.lastRevision + 1 : info.lastRevision;
    else revision = direction === 'forwards' ? 0 : info.lastRevision;
    while (remaining > 0 && !writer.isCancelled) {
      const events = log.readStream(stream, info, direction, revision, Math.min(pageSize, remaining));
      for (const event of events) if (!writer.sendFrame(readEventFrame(event, structured))) await writer.drained();
      remaining -= events.length;
      const last = events.at(-1);
      if (!last || events.length < pageSize) return;
      revision = direction === 'forwards' ? last.revision + 1 : last.revision - 1;
      if (revision < 0) return;
    }
    return;
  }

  const all = options.all ?? {};
  const filter = compileFilter(options.filter);
  let position: number;
  if (all.position) position = Number(all.position.commit_position ?? 0);
  else if (all.end) position = direction === 'forwards' ? log.lastPosition() + 1 : Number.MAX_SAFE_INTEGER;
  else position = direction === 'forwards' ? 0 : Number.MAX_SAFE_INTEGER;
  while (remaining > 0 && !writer.isCancelled) {
    const events = log.readAll(direction, position, pageSize);
    for (const event of events) {
      if (filter && !filter.matches(event)) continue;
      if (!writer.sendFrame(readEventFrame(event, structured))) await writer.drained();
      remaining -= 1;
      if (remaining === 0) return;
    }
    const last = events.at(-1);
    if (!last || events.length < pageSize) return;
    position = direction === 'forwards' ? last.position + 1 : last.position;
  }
}
