import { appendSuccess, appendWrongExpectedVersion } from '../protocol/appendResponses.ts';
import type { EventLog } from '../storage/EventLog.ts';
import type { GrpcCall } from '../grpc/GrpcCall.ts';
import { internalFailure, invalidArgumentFailure, maximumAppendSizeFailure, streamDeletedFailure, type GrpcFailure } from '../protocol/grpcErrors.ts';
import type { ProposedEvent } from '../storage/types.ts';
import {
  expectationOf,
  proposedEventOf,
  proposedSize,
  streamNameOf,
  WireRequestError,
  type WireExpectation,
  type WireProposedMessage,
  type WireStreamIdentifier,
} from '../protocol/wireRequests.ts';

interface WireAppendReq {
  readonly options?: WireExpectation & { stream_identifier?: WireStreamIdentifier };
  readonly proposed_message?: WireProposedMessage;
}

/**
 * Streams.Append: options first, then the events. Nothing is written until the
 * client ends the call, and then all of it or none of it is.
 */
export function appendHandler(log: EventLog, maxAppendSize: number): (call: GrpcCall) => void {
  return (call) => {
    let options: WireAppendReq['options'];
    const events: ProposedEvent[] = [];
    let size = 0;
    let failure: GrpcFailure | undefined;
    call.on('data', (request: WireAppendReq) => {
      if (failure) return;
      try {
        if (request.options) options = request.options;
        else if (request.proposed_message) {
          if (!options) throw new WireRequestError(invalidArgumentFailure('Append options must come first.'));
          size += proposedSize(request.proposed_message);
          if (size > maxAppendSize) failure = maximumAppendSizeFailure(maxAppendSize);
          else events.push(proposedEventOf(request.proposed_message));
        }
      } catch (error) {
        failure = error instanceof WireRequestError ? error.failure : internalFailure(error);
      }
    });
    call.on('end', () => {
      if (failure) return call.fail(failure);
      let stream: string;
      try {
        if (!options) throw new WireRequestError(invalidArgumentFailure('Append options are missing.'));
        stream = streamNameOf(options.stream_identifier);
      } catch (error) {
        return call.fail(error instanceof WireRequestError ? error.failure : internalFailure(error));
      }
      log.write({ kind: 'append', stream, expected: expectationOf(options), events }).then(
        (outcome) => {
          if (outcome.kind === 'ok') call.respond({ success: appendSuccess(outcome) });
          else if (outcome.kind === 'wrong_expected_version') call.respond({ wrong_expected_version: appendWrongExpectedVersion(outcome) });
          else call.fail(streamDeletedFailure(stream));
        },
        (error: unknown) => call.fail(internalFailure(error)),
      );
    });
  };
}
