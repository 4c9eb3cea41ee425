import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProgram } from './buildProgram.ts';
import { renderCompose } from './compose/renderCompose.ts';
import { findServices, findWorkspaceRoot } from '@causeway/suite';

const root = findWorkspaceRoot(import.meta.dirname);
// merge: docker compose applies YAML merge keys (<<: *part); so must the test.
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; build?: string; command?: string[]; environment?: Record<string, string> }>;
};
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const stores = new Set(['eventstore', 'mongo']);

describe('docker-compose.yml', () => {
  it('runs real EventStoreDB and MongoDB images', () => {
    expect(compose.services.eventstore?.image).toMatch(/^(eventstore\/eventstore|kurrentplatform\/kurrentdb):/);
    expect(compose.services.mongo?.image).toMatch(/^mongo:\d/);
  });

  it('names only services that exist, each with a valid `causeway run` command against the real stores', () => {
    const known = new Set(findServices(root).map((s) => s.id));
    const run = buildProgram().commands.find((c) => c.name() === 'run');
    expect(run).toBeDefined();
    for (const [name, service] of Object.entries(compose.services)) {
      if (stores.has(name)) continue;
      expect(service.build, name).toBe('.');
      expect(service.command?.[0], name).toBe('run');
      expect(service.command?.length, name).toBe(2);
      expect(known.has(service.command?.[1] as string), `${name} runs ${service.command?.[1]}, which is not a service of the workspace`).toBe(true);
      expect(service.environment?.EVENTSTORE_URL, name).toBe('esdb://eventstore:2113?tls=false');
      expect(service.environment?.MONGO_URL, name).toBe('mongodb://mongo:27017');
    }
  });

  it('runs every service of the workspace', () => {
    const composed = new Set(Object.values(compose.services).flatMap((s) => (s.command?.[0] === 'run' ? [s.command[1]] : [])));
    for (const service of findServices(root)) expect(composed.has(service.id), `${service.id} is missing from docker-compose.yml`).toBe(true);
  });

  it('is what the suite manifest renders (`npx causeway compose --write` after adding a part)', () => {
    expect(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')).toBe(renderCompose(findServices(root)));
  });

  it('builds one image whose entry point is the causeway command', () => {
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain('ENTRYPOINT ["node", "tools/cli/bin/causeway.js"]');
    expect(dockerfile).toContain('npm ci');
  });
});
