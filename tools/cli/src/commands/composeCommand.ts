import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { CausewayError } from '@causeway/errors';
import { findServices, findWorkspaceRoot } from '@causeway/suite';
import { renderCompose } from '../compose/renderCompose.ts';

/** `causeway compose [--write | --check]`: docker-compose.yml from the suite's manifest. */
export function composeCommand(): Command {
  return new Command('compose')
    .description('print docker-compose.yml for every part of the suite (--write saves it, --check fails when it is stale)')
    .option('--write', 'write docker-compose.yml at the workspace root')
    .option('--check', 'exit 1 when docker-compose.yml differs from what the manifest gives')
    .action((opts: { write?: boolean; check?: boolean }) => {
      const root = findWorkspaceRoot();
      const file = path.join(root, 'docker-compose.yml');
      const rendered = renderCompose(findServices(root));
      if (opts.check) {
        let current = '';
        try {
          current = readFileSync(file, 'utf8');
        } catch {
          // A missing file is stale too.
        }
        if (current !== rendered) throw new CausewayError('USAGE', 'docker-compose.yml is stale: run `npx causeway compose --write`');
        process.stdout.write('docker-compose.yml is up to date\n');
        return;
      }
      if (opts.write) {
        writeFileSync(file, rendered);
        process.stdout.write(`wrote ${path.relative(process.cwd(), file) || file}\n`);
        return;
      }
      process.stdout.write(rendered);
    });
}
