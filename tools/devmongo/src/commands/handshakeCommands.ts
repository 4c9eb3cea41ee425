import type { Doc } from '../bson/paths.ts';
import type { CommandContext, CommandHandlerFn } from './CommandContext.ts';

export const serverVersion = '7.0.0';

// No setName (standalone) and no topologyVersion: with it, drivers switch their
// monitors to streaming hello, which this server does not implement.
function hello(command: Doc, ctx: CommandContext): Doc {
  const legacy = 'isMaster' in command || 'ismaster' in command;
  return {
    helloOk: true,
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
}

function buildInfo(): Doc {
  return {
    version: serverVersion,
    gitVersion: 'devmongo',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: 16 * 1024 * 1024,
    storageEngines: ['devmongo'],
    ok: 1,
  };
}

export const handshakeCommands: Readonly<Record<string, CommandHandlerFn>> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  // Sessions carry no server state here: there are no transactions to end.
  endSessions: () => ({ ok: 1 }),
};
