import { isCausewayError } from '@causeway/errors';
import { buildProgram } from './buildProgram.ts';

/** Runs the CLI; errors with a Causeway code become one readable line and exit 1. */
export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (isCausewayError(error)) {
      process.stderr.write(`causeway: ${error.code}: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
