import { appendSuccess } from '../protocol/appendResponses.ts';
import {
  badRequestDetail,
  maximumAppendSizeExceededDetail,
  streamDeletedDetail,
  wrongExpectedVersionDetail,
  type PackedDetail,
} from '../protocol/errorDetails.ts';
import type { EventLog } from '../storage/EventLog.ts';
import type { GrpcCall } from '../grpc/GrpcCall.ts';
import { GrpcStatus, type GrpcStatusCode } from '../grpc/GrpcStatus.ts';
import type { ProposedEvent } from '../storage/types.ts';
import { parseWireUuid, type WireUuid } from '../protocol/wireUuid.ts';
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

interface WireBatchOptions extends WireExpectation {
  readonly stream_identifier?: WireStreamIdentifier;
}

interface WireBatchAppendReq {
  readonly correlation_id?: WireUuid;
  readonly options?: WireBatchOptions;
  readonly proposed_messages?: readonly WireProposedMessage[];
  readonly is_final?: boolean;
}

interface OpenBatch {
  options?: WireBatchOptions;
  readonly events: ProposedEvent[];
  size: number;
  error?: { code: GrpcStatusCode; message: string; detail: PackedDetail };
}

/**
 * Streams.BatchAppend: one long-lived bidirectional call carrying many
 * appends, each a run of requests keyed by correlation id and closed by
 * `is_final`. Every response echoes the correlation id it answers.
 */
export function batchAppendHandler(log: EventLog, maxAppendSize: number): (call: GrpcCall) => void {
  return (call) => {
    const open = new Map<string, OpenBatch>();
    let inFlight = 0;
    let ended = false;
    const maybeEnd = () => {
      if (ended && inFlight === 0 && !call.cancelled) call.end();
    };
    const respond = (request: WireBatchAppendReq, batch: OpenBatch, result: object) => {
      if (call.cancelled) return;
      const options = batch.options;
      call.write({
        correlation_id: request.correlation_id,
        stream_identifier: options?.stream_identifier,
        ...(options?.stream_position !== undefined ? { stream_position: options.stream_position } : {}),
        ...(options?.no_stream ? { no_stream: {} } : {}),
        ...(options?.any ? { any: {} } : {}),
        ...(options?.stream_exists ? { stream_exists: {} } : {}),
        ...result,
      });
    };
    const fail = (request: WireBatchAppendReq, batch: OpenBatch, error: NonNullable<OpenBatch['error']>) =>
      respond(request, batch, { error: { code: error.code, message: error.message, details: error.detail } });

    call.on('data', (request: WireBatchAppendReq) => {
      const key = parseWireUuid(request.correlation_id) ?? '';
      let batch = open.get(key);
      if (!batch) {
        batch = { events: [], size: 0 };
        open.set(key, batch);
      }
      if (request.options) batch.options = request.options;
      for (const message of request.proposed_messages ?? []) {
        if (batch.error) break;
        batch.size += proposedSize(message);
        if (batch.size > maxAppendSize) {
          batch.error = { code: GrpcStatus.INVALID_ARGUMENT, message: 'Maximum Append Size Exceeded.', detail: maximumAppendSizeExceededDetail(maxAppendSize) };
          break;
        }
        try {
          batch.events.push(proposedEventOf(message));
        } catch (error) {
          const message = error instanceof WireRequestError ? error.failure.details : String(error);
          batch.error = { code: GrpcStatus.INVALID_ARGUMENT, message, detail: badRequestDetail(message) };
        }
      }
      if (!request.is_final) return;
      open.delete(key);
      const done = batch;
      if (done.error) return fail(request, done, done.error);
      let stream: string;
      try {
        stream = streamNameOf(done.options?.stream_identifier);
      } catch (error) {
        const message = error instanceof WireRequestError ? error.failure.details : String(error);
        return fail(request, done, { code: GrpcStatus.INVALID_ARGUMENT, message, detail: badRequestDetail(message) });
      }
      inFlight += 1;
      log
        .write({ kind: 'append', stream, expected: expectationOf(done.options), events: done.events })
        .then(
          (outcome) => {
            if (outcome.kind === 'ok') respond(request, done, { success: appendSuccess(outcome) });
            else if (outcome.kind === 'wrong_expected_version')
              fail(request, done, {
                code: GrpcStatus.FAILED_PRECONDITION,
                message: 'Wrong expected version.',
                detail: wrongExpectedVersionDetail(outcome.current, outcome.expected),
              });
            else fail(request, done, { code: GrpcStatus.FAILED_PRECONDITION, message: 'Stream deleted.', detail: streamDeletedDetail(stream) });
          },
          (error: unknown) => fail(request, done, { code: GrpcStatus.INTERNAL, message: String(error), detail: badRequestDetail(String(error)) }),
        )
        .finally(() => {
          inFlight -= 1;
          maybeEnd();
        });
    });
    call.on('end', () => {
      ended = true;
      maybeEnd();
    });
  };
}
