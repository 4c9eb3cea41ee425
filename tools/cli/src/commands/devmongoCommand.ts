import { Command, InvalidArgumentError } from 'commander';
import { startDevMongo } from '@causeway/devmongo';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('port must be an integer between 0 and 65535');
  return port;
}

/** `causeway devmongo [--port N] [--data DIR] [--host H]`: the embedded MongoDB-compatible store in the foreground. */
export function devmongoCommand(): Command {
  return new Command('devmongo')
    .description('run the embedded MongoDB-compatible store; prints "ready <url>" once it accepts connections')
    .option('--port <n>', 'TCP port (0 picks a free one)', parsePort, 27017)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--data <dir>', 'keep data durably in this directory (default: in memory)')
    .action(async (opts: { port: number; host: string; data?: string }) => {
      // Listen for signals before announcing readiness, so a stop request can never slip in between.
      const stopRequested = new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      const server = await startDevMongo({ port: opts.port, host: opts.host, dataDir: opts.data });
      // Scripts wait for this exact line (mongodb://127.0.0.1:<port> by default); it always carries the real port.
      process.stdout.write(`ready ${server.url}\n`);
      await stopRequested;
      await server.close();
    });
}
