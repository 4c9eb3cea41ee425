import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CausewayError } from '@causeway/errors';

/** A runnable part of the suite: a workspace package that declares `"causeway": { "service": "<entry>" }`. */
export interface ServiceEntry {
  /** `components/wallets`, `aggregators/auction-board`, `applications/gateway`… */
  readonly id: string;
  readonly packageName: string;
  readonly entry: string;
  /** Ports it listens on, from `"causeway": { "ports": [...] }` (published by docker-compose.yml). */
  readonly ports: readonly number[];
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
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; causeway?: { service?: unknown; ports?: unknown } };
      const entry = pkg.causeway?.service;
      if (entry === undefined) continue;
      if (typeof entry !== 'string' || !existsSync(path.join(dir, name, entry))) {
        throw new CausewayError('USAGE', `${kind}/${name}/package.json: "causeway.service" must name an existing file, got ${JSON.stringify(entry)}`);
      }
      const ports = pkg.causeway?.ports ?? [];
      if (!Array.isArray(ports) || !ports.every((p) => Number.isInteger(p) && p > 0 && p < 65536)) {
        throw new CausewayError('USAGE', `${kind}/${name}/package.json: "causeway.ports" must be a list of port numbers, got ${JSON.stringify(ports)}`);
      }
      services.push({ id: `${kind}/${name}`, packageName: pkg.name ?? name, entry: path.join(dir, name, entry), ports: ports as number[] });
    }
  }
  return services;
}
