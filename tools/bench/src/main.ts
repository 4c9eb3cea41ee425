import os from 'node:os';
import { benchmarks } from './benchmarks.ts';
import { printTable } from './printTable.ts';

// `npm run bench` runs every benchmark; `npm run bench -- <name>…` runs the named ones.
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !benchmarks.some((b) => b.name === name));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}\n`);
  process.exit(2);
}
const selected = wanted.length === 0 ? benchmarks : benchmarks.filter((b) => wanted.includes(b.name));
process.stdout.write(`node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB\n\n`);
for (const bench of selected) {
  const rows = await bench.run((line) => process.stderr.write(`[${bench.name}] ${line}\n`));
  process.stdout.write(`${printTable(`${bench.name}: ${bench.description}`, rows)}\n\n`);
}
