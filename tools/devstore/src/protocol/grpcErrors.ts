import { GrpcStatus, type GrpcFailure, type GrpcStatusCode } from '../grpc/GrpcStatus.ts';
import type { ExpectedRevision } from '../storage/types.ts';

export type { GrpcFailure } from '../grpc/GrpcStatus.ts';

// The clients turn these into their typed errors through the `exception` trailer.
function failure(code: GrpcStatusCode, details: string, trailers: Record<string, string>): GrpcFailure {
  return { code, details, trailers };
}

/** The numbers EventStoreDB puts in the expected-version trailer for the symbolic expectations. */
export function expectedVersionNumber(expected: ExpectedRevision): number {
  switch (expected.kind) {
    case 'exact':
      return expected.revision;
    case 'no_stream':
      return -1;
    case 'any':
      return -2;
    case 'stream_exists':
      return -4;
  }
}

export function streamDeletedFailure(stream: string): GrpcFailure {
  return failure(GrpcStatus.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': stream,
  });
}

export function wrongExpectedVersionFailure(stream: string, expected: ExpectedRevision, current: number | undefined): GrpcFailure {
  return failure(
    GrpcStatus.FAILED_PRECONDITION,
    `Append failed due to WrongExpectedVersion. Stream: ${stream}, Expected version: ${expectedVersionNumber(expected)}, Actual version: ${current ?? -1}`,
    {
      exception: 'wrong-expected-version',
      'stream-name': stream,
      'expected-version': String(expectedVersionNumber(expected)),
      'actual-version': String(current ?? -1),
    },
  );
}

export function maximumAppendSizeFailure(maxAppendSize: number): GrpcFailure {
  return failure(GrpcStatus.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });
}

export function invalidArgumentFailure(message: string): GrpcFailure {
  return failure(GrpcStatus.INVALID_ARGUMENT, message, {});
}

export function internalFailure(error: unknown): GrpcFailure {
  return failure(GrpcStatus.INTERNAL, error instanceof Error ? error.message : String(error), {});
}
