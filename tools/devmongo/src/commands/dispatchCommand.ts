import type { Doc } from '../bson/paths.ts';
import { MongoCommandError, toMongoError } from '../MongoCommandError.ts';
import type { Catalog } from '../storage/Catalog.ts';
import { aggregateCommands } from './aggregateCommand.ts';
import type { CommandHandlerFn } from './CommandContext.ts';
import type { CursorRegistry } from './CursorRegistry.ts';
import { findAndModifyCommands } from './findAndModifyCommand.ts';
import { handshakeCommands } from './handshakeCommands.ts';
import { indexCommands } from './indexCommands.ts';
import { namespaceCommands } from './namespaceCommands.ts';
import { readCommands } from './readCommands.ts';
import { writeCommands } from './writeCommands.ts';

const handlers: ReadonlyMap<string, CommandHandlerFn> = new Map(
  Object.entries({
    ...handshakeCommands,
    ...writeCommands,
    ...readCommands,
    ...aggregateCommands,
    ...findAndModifyCommands,
    ...indexCommands,
    ...namespaceCommands,
  }),
);

export const supportedCommands: readonly string[] = [...handlers.keys()];

/**
 * Runs one command and returns its reply document. Whatever it wrote is made
 * durable before the reply exists, so an acknowledged write survives kill -9.
 */
export function dispatchCommand(catalog: Catalog, cursors: CursorRegistry, command: Doc, connectionId: number): Doc {
  const name = Object.keys(command)[0] ?? '';
  let reply: Doc;
  try {
    const handler = handlers.get(name);
    if (!handler) throw new MongoCommandError('CommandNotFound', `no such command: '${name}'`);
    const db = command.$db;
    if (typeof db !== 'string') throw new MongoCommandError('FailedToParse', 'OP_MSG requests require a $db argument');
    reply = handler(command, { catalog, cursors, connectionId, db });
  } catch (error) {
    reply = toMongoError(error).toErrorDocument();
  }
  try {
    // j: true asks for the journal on disk, not only in the OS cache.
    const writeConcern = command.writeConcern as { j?: unknown } | undefined;
    catalog.persistence.commit({ sync: writeConcern?.j === true });
  } catch (error) {
    // Never acknowledge what is not durable; the driver sees a server error instead.
    const message = error instanceof Error ? error.message : String(error);
    return new MongoCommandError('InternalError', `the writes of '${name}' could not be made durable: ${message}`).toErrorDocument();
  }
  return reply;
}
