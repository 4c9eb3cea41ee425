import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as protoLoader from '@grpc/proto-loader';
import type { MethodDefinition } from '../grpc/GrpcServer.ts';

const protoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../proto');

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
  readonly streams: Readonly<Record<'Read' | 'Append' | 'BatchAppend' | 'Delete' | 'Tombstone', MethodDefinition>>;
  readonly serverFeatures: Readonly<Record<'GetSupportedMethods', MethodDefinition>>;
}

let cached: Protocol | undefined;

function methodsOf<Name extends string>(definition: protoLoader.PackageDefinition, service: string, names: readonly Name[]): Record<Name, MethodDefinition> {
  const methods = definition[service] as Record<string, MethodDefinition> | undefined;
  const picked = {} as Record<Name, MethodDefinition>;
  for (const name of names) {
    const method = methods?.[name];
    if (!method) throw new Error(`${service}.${name} is missing from the devstore .proto files`);
    picked[name] = method;
  }
  return picked;
}

/** Loads our own .proto files once per process. */
export function loadProtocol(): Protocol {
  if (cached) return cached;
  const definition = protoLoader.loadSync(['streams.proto', 'serverfeatures.proto'], loaderOptions);
  cached = {
    streams: methodsOf(definition, 'event_store.client.streams.Streams', ['Read', 'Append', 'BatchAppend', 'Delete', 'Tombstone']),
    serverFeatures: methodsOf(definition, 'event_store.client.server_features.ServerFeatures', ['GetSupportedMethods']),
  };
  return cached;
}
