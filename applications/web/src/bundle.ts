import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** One file the page needs, ready to send. */
export interface Asset {
  readonly body: Buffer;
  readonly type: string;
}

const root = new URL('../', import.meta.url);

async function publicFile(name: string, type: string): Promise<Asset> {
  return { body: await readFile(new URL(`public/${name}`, root)), type };
}

// The client is TypeScript (type-checked by tsc -b, client/tsconfig.json); esbuild turns it and
// socket.io-client into one minified module in memory, in tens of milliseconds, so there is no build step
// to forget before `npm start` and nothing generated to commit.
async function bundleClient(): Promise<Asset> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('client/main.ts', root))],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output for the web client');
  return { body: Buffer.from(output.contents), type: 'text/javascript; charset=utf-8' };
}

/**
 * The page's files by URL path. A fixed table, not a directory: a request can only ever name one of
 * these entries, so no path from a URL reaches the file system (no traversal by construction).
 */
async function loadAssets(): Promise<ReadonlyMap<string, Asset>> {
  const [html, css, js] = await Promise.all([
    publicFile('index.html', 'text/html; charset=utf-8'),
    publicFile('app.css', 'text/css; charset=utf-8'),
    bundleClient(),
  ]);
  return new Map([
    ['/', html],
    ['/app.css', css],
    ['/app.js', js],
  ]);
}

let cached: Promise<ReadonlyMap<string, Asset>> | undefined;

/** Built once per process: every gateway (and every test suite) in it shares the same files. */
export function assets(): Promise<ReadonlyMap<string, Asset>> {
  cached ??= loadAssets().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
