import type { MethodDefinition, MethodHandler } from '../grpc/GrpcServer.ts';
import { loadProtocol } from '../protocol/loadProtocol.ts';
import type { EventLog } from '../storage/EventLog.ts';
import { appendHandler } from './appendHandler.ts';
import { batchAppendHandler } from './batchAppendHandler.ts';
import { deleteHandler } from './deleteHandler.ts';
import { readHandler } from './readHandler.ts';
import { serverFeaturesHandler } from './serverFeaturesHandler.ts';

/** Every gRPC method the store serves, keyed by path, with its handler; the server answers other paths with UNIMPLEMENTED. */
export function methodTable(
  log: EventLog,
  maxAppendSize: number,
): ReadonlyMap<string, { readonly definition: MethodDefinition; readonly handler: MethodHandler }> {
  const protocol = loadProtocol();
  const methods = new Map<string, { definition: MethodDefinition; handler: MethodHandler }>();
  const serve = (definition: MethodDefinition, handler: MethodHandler) => methods.set(definition.path, { definition, handler });
  serve(protocol.streams.Read, readHandler(log));
  serve(protocol.streams.Append, appendHandler(log, maxAppendSize));
  serve(protocol.streams.BatchAppend, batchAppendHandler(log, maxAppendSize));
  serve(protocol.streams.Delete, deleteHandler(log, 'delete'));
  serve(protocol.streams.Tombstone, deleteHandler(log, 'tombstone'));
  serve(protocol.serverFeatures.GetSupportedMethods, serverFeaturesHandler());
  return methods;
}
