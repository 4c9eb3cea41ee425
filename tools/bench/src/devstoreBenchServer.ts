// The store under benchmark, in its own process so that the client's protobuf
// decoding and the server do not share one event loop (as in production).
import { startDevStore } from '@causeway/devstore';

const dataDir = process.argv[2] || undefined;
const durability = process.argv[3] === 'fsync' ? 'fsync' : 'process';
const store = await startDevStore({ dataDir, durability });
process.stdout.write(`ready ${store.url}\n`);
process.on('SIGTERM', () => void store.close().then(() => process.exit(0)));
