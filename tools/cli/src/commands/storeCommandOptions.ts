import { InvalidArgumentError } from 'commander';

/** `--port`: 0 picks a free port. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('port must be an integer between 0 and 65535');
  return port;
}

/**
 * Resolves on the first stop request. Handlers stay installed, so a second
 * Ctrl-C cannot cut a shutdown short.
 *
 * Under `causeway start` (CAUSEWAY_SUPERVISED) the store stops on SIGTERM or
 * when its standard input closes, not on SIGINT: the terminal's Ctrl-C reaches
 * the whole process group, and the supervisor stops the services before the
 * stores they write to. Standard input is a pipe from the supervisor, so it
 * closes however the supervisor ends (even SIGKILL), and no store is left behind.
 */
export function stopRequested(): Promise<void> {
  const supervised = process.env['CAUSEWAY_SUPERVISED'] === '1';
  return new Promise<void>((resolve) => {
    const stop = () => {
      // Reading the pipe keeps the process alive: let go of it once stopping.
      if (supervised) process.stdin.destroy();
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', () => {
      if (!supervised) stop();
    });
    if (supervised) {
      process.stdin.on('close', stop);
      process.stdin.on('end', stop);
      process.stdin.resume();
    }
  });
}
