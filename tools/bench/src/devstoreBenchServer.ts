// The store under benchmark, in its own process so that the client's protobuf
// decoding and the server do not share one event loop (as in production).
import { startDevStore } from '@causeway/devstore';

const dataDir = process.argv[2] || undefined;
const durability = process.argv[3] === 'fsync' ? 'fsync' : 'process';
const store = await startDevStore({ dataDir, durability });
// Handlers go in before the ready line: the bench may signal as soon as it reads it.
process.on('SIGTERM', () => void store.close().then(() => process.exit(0)));
// Live heap after a full GC (run node with --expose-gc): what the store
// really retains, unlike RSS, which V8 grows lazily.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(`heap ${process.memoryUsage().heapUsed}\n`);
});
process.stdout.write(`ready ${store.url}\n`);
