import type * as grpc from '@grpc/grpc-js';
import { deletePosition } from './appendResponses.ts';
import type { EventLog } from './EventLog.ts';
import { internalFailure, streamDeletedFailure, wrongExpectedVersionFailure } from './grpcErrors.ts';
import { expectationOf, streamNameOf, WireRequestError, type WireExpectation, type WireStreamIdentifier } from './wireRequests.ts';

interface WireDeleteReq {
  readonly options?: WireExpectation & { stream_identifier?: WireStreamIdentifier };
}

/**
 * Streams.Delete (soft: `$tb` metadata, the stream can be re-created) and
 * Streams.Tombstone (hard: the stream is unusable for ever). Their responses
 * cannot carry a wrong expected version, so it travels as a gRPC error.
 */
export function deleteHandler(log: EventLog, kind: 'delete' | 'tombstone'): grpc.handleUnaryCall<WireDeleteReq, object> {
  return (call, callback) => {
    let stream: string;
    try {
      stream = streamNameOf(call.request.options?.stream_identifier);
    } catch (error) {
      return callback(error instanceof WireRequestError ? error.failure : internalFailure(error));
    }
    const expected = expectationOf(call.request.options);
    log.write({ kind, stream, expected }).then(
      (outcome) => {
        if (outcome.kind === 'ok') callback(null, deletePosition(outcome.position));
        else if (outcome.kind === 'wrong_expected_version') callback(wrongExpectedVersionFailure(stream, expected, outcome.current));
        else callback(streamDeletedFailure(stream));
      },
      (error: unknown) => callback(internalFailure(error)),
    );
  };
}
