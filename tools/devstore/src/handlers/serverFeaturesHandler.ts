import type { GrpcCall } from '../grpc/GrpcCall.ts';

const streamsService = 'event_store.client.streams.streams';

// The Rust bridge inside @kurrent/kurrentdb-client parses this version and
// refuses anything that does not look like a real server release.
export const advertisedServerVersion = '24.10.0';

/** ServerFeatures.GetSupportedMethods: lists BatchAppend so the clients use it. */
export function serverFeaturesHandler(): (call: GrpcCall) => void {
  return (call) => {
    call.respond({
      event_store_server_version: advertisedServerVersion,
      methods: [
        ...['read', 'append', 'delete', 'tombstone', 'batchappend'].map((method_name) => ({ method_name, service_name: streamsService })),
        { method_name: 'getsupportedmethods', service_name: 'event_store.client.server_features.serverfeatures' },
      ],
    });
  };
}
