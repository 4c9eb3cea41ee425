import { Command, InvalidArgumentError } from 'commander';
import { startDevStore } from '@causeway/devstore';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('port must be an integer between 0 and 65535');
  return port;
}

/** `causeway devstore [--port N] [--data DIR] [--host H]`: the embedded EventStoreDB-compatible store in the foreground. */
export function devstoreCommand(): Command {
  return new Command('devstore')
    .description('run the embedded EventStoreDB-compatible store; prints "ready <url>" once it accepts connections')
    .option('--port <n>', 'TCP port (0 picks a free one)', parsePort, 2113)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--data <dir>', 'keep events durably in this directory (default: in memory)')
    .action(async (opts: { port: number; host: string; data?: string }) => {
      const store = await startDevStore({ port: opts.port, host: opts.host, dataDir: opts.data });
      // Handlers go in before the ready line: a script may signal the moment it reads it.
      // They stay installed, so a second Ctrl-C during shutdown cannot cut it short.
      const stopped = new Promise<void>((resolve) => {
        const stop = () => void store.close().then(resolve);
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      // Scripts wait for this exact line; the URL always carries the real port.
      process.stdout.write(`ready esdb://127.0.0.1:${store.port}?tls=false\n`);
      await stopped;
    });
}
