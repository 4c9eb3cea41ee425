/** The gRPC status codes the store answers with (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export const GrpcStatus = {
  INVALID_ARGUMENT: 3,
  FAILED_PRECONDITION: 9,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
} as const;

export type GrpcStatusCode = (typeof GrpcStatus)[keyof typeof GrpcStatus];

/** A call's final status; `trailers` are what the clients turn into typed errors (`exception`, `stream-name`…). */
export interface GrpcFailure {
  readonly code: GrpcStatusCode;
  readonly details: string;
  readonly trailers: Readonly<Record<string, string>>;
}
