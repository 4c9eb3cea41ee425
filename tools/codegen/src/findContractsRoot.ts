import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CausewayError } from '@causeway/errors';

/** The repository's `contracts/` folder: found by walking up to the workspace root. */
export function findContractsRoot(from = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && existsSync(path.join(dir, 'contracts'))) {
      const json = JSON.parse(readFileSync(pkg, 'utf8')) as { workspaces?: unknown };
      if (json.workspaces) return path.join(dir, 'contracts');
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new CausewayError('USAGE', `no Causeway workspace (package.json with workspaces and a contracts/ folder) above ${from}; pass --dir`);
    dir = parent;
  }
}
