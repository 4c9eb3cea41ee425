import { deletePosition } from '../protocol/appendResponses.ts';
import type { EventLog } from '../storage/EventLog.ts';
import type { GrpcCall } from '../grpc/GrpcCall.ts';
import { internalFailure, streamDeletedFailure, wrongExpectedVersionFailure } from '../protocol/grpcErrors.ts';
import { expectationOf, streamNameOf, WireRequestError, type WireExpectation, type WireStreamIdentifier } from '../protocol/wireRequests.ts';

interface WireDeleteReq {
  readonly options?: WireExpectation & { stream_identifier?: WireStreamIdentifier };
}

/**
 * Streams.Delete (soft: `$tb` metadata, the stream can be re-created) and
 * Streams.Tombstone (hard: the stream is unusable for ever). Their responses
 * cannot carry a wrong expected version, so it travels as a gRPC error.
 */
export function deleteHandler(log: EventLog, kind: 'delete' | 'tombstone'): (call: GrpcCall<WireDeleteReq>) => void {
  return (call) => {
    let stream: string;
    try {
      stream = streamNameOf(call.request.options?.stream_identifier);
    } catch (error) {
      return call.fail(error instanceof WireRequestError ? error.failure : internalFailure(error));
    }
    const expected = expectationOf(call.request.options);
    log.write({ kind, stream, expected }).then(
      (outcome) => {
        if (outcome.kind === 'ok') call.respond(deletePosition(outcome.position));
        else if (outcome.kind === 'wrong_expected_version') call.fail(wrongExpectedVersionFailure(stream, expected, outcome.current));
        else call.fail(streamDeletedFailure(stream));
      },
      (error: unknown) => call.fail(internalFailure(error)),
    );
  };
}
