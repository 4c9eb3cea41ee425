import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CausewayError } from '@causeway/errors';

/** A runnable part of the suite: a workspace package that declares `"causeway": { "service": "<entry>" }`. */
export interface ServiceEntry {
  /** `components/wallets`, `aggregators/board`, `applications/gateway`… */
  readonly id: string;
  readonly packageName: string;
  readonly entry: string;
}

const KINDS = ['components', 'aggregators', 'applications'] as const;

/** Every service of the workspace, in a stable order: components, aggregators, then applications. */
export function findServices(workspaceRoot: string): ServiceEntry[] {
  const services: ServiceEntry[] = [];
  for (const kind of KINDS) {
    const dir = path.join(workspaceRoot, kind);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const manifest = path.join(dir, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; causeway?: { service?: unknown } };
      const entry = pkg.causeway?.service;
      if (entry === undefined) continue;
      if (typeof entry !== 'string' || !existsSync(path.join(dir, name, entry))) {
        throw new CausewayError('USAGE', `${kind}/${name}/package.json: "causeway.service" must name an existing file, got ${JSON.stringify(entry)}`);
      }
      services.push({ id: `${kind}/${name}`, packageName: pkg.name ?? name, entry: path.join(dir, name, entry) });
    }
  }
  return services;
}
