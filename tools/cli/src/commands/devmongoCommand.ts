import { Command } from 'commander';
import { startDevMongo } from '@causeway/devmongo';
import { parsePort } from './parsePort.ts';
import { stopRequested } from './stopRequested.ts';

/** `causeway devmongo [--port N] [--data DIR] [--host H]`: the embedded MongoDB-compatible store in the foreground. */
export function devmongoCommand(): Command {
  return new Command('devmongo')
    .description('run the embedded MongoDB-compatible store; prints "ready <url>" once it accepts connections')
    .option('--port <n>', 'TCP port (0 picks a free one)', parsePort, 27017)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--data <dir>', 'keep data durably in this directory (default: in memory)')
    .action(async (opts: { port: number; host: string; data?: string }) => {
      const server = await startDevMongo({ port: opts.port, host: opts.host, dataDir: opts.data });
      // Before the ready line: a script may signal the moment it reads it. (Not before the
      // start: a store that cannot start must exit, not wait on its supervisor's pipe.)
      const stop = stopRequested();
      // Scripts wait for this exact line (mongodb://127.0.0.1:<port> by default); it always carries the real port.
      process.stdout.write(`ready ${server.url}\n`);
      await stop;
      await server.close();
    });
}
