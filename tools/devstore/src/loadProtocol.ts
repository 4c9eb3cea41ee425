import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const protoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../proto');

// keepCase keeps the wire names (snake_case) so handlers read exactly what the
// .proto says; oneofs adds the name of the set case, which the handlers switch on.
const loaderOptions: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  bytes: Buffer,
  defaults: false,
  oneofs: true,
  includeDirs: [protoDir],
};

export interface Protocol {
  readonly streams: grpc.ServiceDefinition;
  readonly serverFeatures: grpc.ServiceDefinition;
}

let cached: Protocol | undefined;

/** Loads our own .proto files once per process. */
export function loadProtocol(): Protocol {
  if (cached) return cached;
  const definition = protoLoader.loadSync(['streams.proto', 'serverfeatures.proto'], loaderOptions);
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    event_store: {
      client: {
        streams: { Streams: grpc.ServiceClientConstructor };
        server_features: { ServerFeatures: grpc.ServiceClientConstructor };
      };
    };
  };
  const streams: Record<string, grpc.MethodDefinition<unknown, unknown>> = { ...loaded.event_store.client.streams.Streams.service };
  const read = streams['Read'];
  if (read) {
    // Events arrive pre-encoded (encodeReadEvent); everything else goes through protobufjs.
    const serialize = read.responseSerialize;
    streams['Read'] = { ...read, responseSerialize: (value: unknown) => (Buffer.isBuffer(value) ? value : serialize(value)) };
  }
  cached = {
    streams,
    serverFeatures: loaded.event_store.client.server_features.ServerFeatures.service,
  };
  return cached;
}
