import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CausewayError } from '@causeway/errors';

/** The workspace root: the nearest folder above `from` whose package.json has workspaces. */
export function findWorkspaceRoot(from = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown }).workspaces) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new CausewayError('USAGE', `no Causeway workspace above ${from}`);
    dir = parent;
  }
}
