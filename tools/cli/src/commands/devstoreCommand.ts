import { Command } from 'commander';
import { startDevStore } from '@causeway/devstore';
import { parsePort } from './parsePort.ts';
import { stopRequested } from './stopRequested.ts';

/** `causeway devstore [--port N] [--data DIR] [--host H]`: the embedded EventStoreDB-compatible store in the foreground. */
export function devstoreCommand(): Command {
  return new Command('devstore')
    .description('run the embedded EventStoreDB-compatible store; prints "ready <url>" once it accepts connections')
    .option('--port <n>', 'TCP port (0 picks a free one)', parsePort, 2113)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--data <dir>', 'keep events durably in this directory (default: in memory)')
    .action(async (opts: { port: number; host: string; data?: string }) => {
      const store = await startDevStore({ port: opts.port, host: opts.host, dataDir: opts.data });
      // Before the ready line: a script may signal the moment it reads it. (Not before the
      // start: a store that cannot start must exit, not wait on its supervisor's pipe.)
      const stop = stopRequested();
      // Scripts wait for this exact line; the URL always carries the real port.
      process.stdout.write(`ready esdb://127.0.0.1:${store.port}?tls=false\n`);
      await stop;
      await store.close();
    });
}
