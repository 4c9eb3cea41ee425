// The store under benchmark in its own process, as `causeway devmongo` runs it,
// so the driver and the server do not share one event loop.
import { startDevMongo } from '@causeway/devmongo';

const store = await startDevMongo({ dataDir: process.argv[2] || undefined });
process.stdout.write(`ready ${store.url}\n`);
process.on('SIGTERM', () => void store.close().then(() => process.exit(0)));
// Live heap after a full GC (run node with --expose-gc): what the store retains.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(`heap ${process.memoryUsage().heapUsed}\n`);
});
