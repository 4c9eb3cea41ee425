import { CausewayError, isCausewayError } from '@causeway/errors';
import { buildProgram } from './buildProgram.ts';
import { eventstoreUrl } from './suite/connections.ts';

/** Errors of the drivers that mean a store is not there, as one of ours. */
function asCausewayError(error: unknown): CausewayError | undefined {
  if (isCausewayError(error)) return error;
  const name = (error as { name?: unknown })?.name;
  // The client's typed errors, or a raw gRPC status 14 (UNAVAILABLE) on calls it does not wrap.
  if (name === 'UnavailableError' || name === 'DeadlineExceededError' || (error as { code?: unknown })?.code === 14) {
    return new CausewayError('UNAVAILABLE', `the event store at ${eventstoreUrl()} does not answer; start the suite (npm start) or set EVENTSTORE_URL`);
  }
  if (name === 'MongoServerSelectionError' || name === 'MongoNetworkError' || name === 'MongoTopologyClosedError') {
    return new CausewayError('UNAVAILABLE', `MongoDB does not answer (${(error as Error).message}); start the suite (npm start) or set MONGO_URL`);
  }
  return undefined;
}

/**
 * Runs the CLI; every error becomes one readable line, `causeway: <CODE>: …`, and exit 1. A bug
 * (an error without a code) is INTERNAL, with its stack only when CAUSEWAY_DEBUG is set.
 */
export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    const known = asCausewayError(error);
    if (known) process.stderr.write(`causeway: ${known.code}: ${known.message}\n`);
    else if (process.env.CAUSEWAY_DEBUG) process.stderr.write(`causeway: INTERNAL: ${(error as Error)?.stack ?? String(error)}\n`);
    else process.stderr.write(`causeway: INTERNAL: ${(error as Error)?.message ?? String(error)} (CAUSEWAY_DEBUG=1 shows where)\n`);
    process.exitCode = 1;
  }
}
