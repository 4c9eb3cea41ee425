import { startDevMongo } from '../startDevMongo.ts';

// Child-process entry for crash tests: `node --import tsx runDevMongo.ts [dataDir]` (in memory without one).
const server = await startDevMongo({ dataDir: process.argv[2] });
process.stdout.write(`ready ${server.url}\n`);
