import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { CausewayError } from '@causeway/errors';
import { findServices, findWorkspaceRoot } from '@causeway/suite';
import { eventstoreUrl, mongoUrl } from '../suite/connections.ts';

/** `causeway run <kind>/<name>`: one part of the suite as its own service, as a container runs it. */
export function runCommand(): Command {
  return new Command('run')
    .description('run one part as its own service (EVENTSTORE_URL / MONGO_URL, default the stores `npm start` runs)')
    .argument('<service>', 'components/<name>, aggregators/<name> or applications/<name>')
    .action(async (id: string) => {
      const root = findWorkspaceRoot();
      const services = findServices(root);
      const service = services.find((s) => s.id === id.replace(/\/$/, ''));
      if (!service) throw new CausewayError('NOT_FOUND', `no service ${id}; known: ${services.map((s) => s.id).join(', ') || 'none'}`);
      process.env.EVENTSTORE_URL = eventstoreUrl();
      process.env.MONGO_URL = mongoUrl();
      await import(pathToFileURL(path.resolve(service.entry)).href);
    });
}
