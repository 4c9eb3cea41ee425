import { GrpcStatus } from '../grpc/GrpcStatus.ts';
import { invalidArgumentFailure, type GrpcFailure } from './grpcErrors.ts';
import type { ExpectedRevision, ProposedEvent } from '../storage/types.ts';
import { parseWireUuid, type WireUuid } from './wireUuid.ts';

/** The fields shared by Append, BatchAppend, Delete and Tombstone options. */
export interface WireExpectation {
  readonly revision?: string;
  readonly stream_position?: string;
  readonly no_stream?: object;
  readonly any?: object;
  readonly stream_exists?: object;
}

export interface WireStreamIdentifier {
  readonly stream_name?: Buffer;
}

export interface WireProposedMessage {
  readonly id?: WireUuid;
  readonly metadata?: Record<string, string>;
  readonly custom_metadata?: Buffer;
  readonly data?: Buffer;
}

/** Thrown while decoding a request; handlers answer it with its gRPC status. */
export class WireRequestError extends Error {
  constructor(readonly failure: GrpcFailure) {
    super(failure.details);
  }
}

export function streamNameOf(identifier: WireStreamIdentifier | undefined): string {
  const name = identifier?.stream_name?.toString('utf8') ?? '';
  if (name.length === 0) throw new WireRequestError(invalidArgumentFailure('Stream name must not be empty.'));
  return name;
}

// Absent expectation means `any`, matching how the server treats an unset oneof.
export function expectationOf(wire: WireExpectation | undefined): ExpectedRevision {
  const revision = wire?.revision ?? wire?.stream_position;
  if (revision !== undefined) return { kind: 'exact', revision: Number(revision) };
  if (wire?.no_stream) return { kind: 'no_stream' };
  if (wire?.stream_exists) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

/** Rough protobuf size of a proposed message, for the maximum append size check. */
export function proposedSize(message: WireProposedMessage): number {
  let size = (message.data?.length ?? 0) + (message.custom_metadata?.length ?? 0) + 40;
  for (const [key, value] of Object.entries(message.metadata ?? {})) size += key.length + value.length + 4;
  return size;
}

export function proposedEventOf(message: WireProposedMessage): ProposedEvent {
  const id = parseWireUuid(message.id);
  if (id === undefined) throw new WireRequestError(invalidArgumentFailure('Event id is missing or is not a valid UUID.'));
  const type = message.metadata?.['type'];
  const contentType = message.metadata?.['content-type'];
  if (!type || !contentType) {
    throw new WireRequestError({
      code: GrpcStatus.INVALID_ARGUMENT,
      details: 'Required metadata properties are missing: type, content-type',
      trailers: { exception: 'missing-required-metadata-property', 'required-metadata-properties': 'type,content-type' },
    });
  }
  return {
    id,
    type,
    contentType,
    data: message.data ?? Buffer.alloc(0),
    metadata: message.custom_metadata ?? Buffer.alloc(0),
  };
}
