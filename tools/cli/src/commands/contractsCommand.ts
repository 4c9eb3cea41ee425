import path from 'node:path';
import { Command } from 'commander';
import { checkContracts, findContractsRoot, formatProblem, loadContracts, renderGenerated, writeGenerated, writeReleaseLock } from '@causeway/codegen';
import { CausewayError } from '@causeway/errors';
import { findWorkspaceRoot } from '@causeway/suite';
import { readSuiteFile } from '../suite/suiteFile.ts';

const rootOf = (opts: { dir?: string }) => (opts.dir ? path.resolve(opts.dir) : findContractsRoot());
const out = (line: string) => process.stdout.write(`${line}\n`);

/** Whether `causeway start` runs in the workspace that holds these contracts. */
function runningSuiteAround(contractsRoot: string): boolean {
  try {
    return readSuiteFile(path.join(findWorkspaceRoot(contractsRoot), '.causeway')) !== undefined;
  } catch {
    return false;
  }
}

/** `causeway contracts generate | check | release` */
export function contractsCommand(): Command {
  const contracts = new Command('contracts').description('JSON-Schema contracts: generate code, check evolution, release');

  contracts
    .command('generate')
    .description('write TypeScript types, precompiled validators, the registry, and Python and Go types')
    .option('--dir <path>', 'contracts folder (default: <workspace>/contracts)')
    .action(async (opts: { dir?: string }) => {
      const root = rootOf(opts);
      const { contracts: list } = loadContracts(root);
      const files = await renderGenerated(list);
      const { written, removed } = writeGenerated(root, files);
      out(
        `generated ${written} files from ${list.length} contracts into ${path.relative(process.cwd(), path.join(root, 'generated')) || '.'}${removed ? ` (removed ${removed} stale)` : ''}`,
      );
      // Services load the validators once, at start: a running suite goes on checking the old contracts.
      if (runningSuiteAround(root)) out('the suite running in this workspace keeps the validators it started with: restart it (Ctrl-C, then npm start)');
    });

  contracts
    .command('check')
    .description('check naming, examples, evolution against released versions, upcasters and generated files')
    .option('--dir <path>', 'contracts folder (default: <workspace>/contracts)')
    .option('--no-generated', 'skip the stale generated files check')
    .action(async (opts: { dir?: string; generated: boolean }) => {
      const report = await checkContracts(rootOf(opts), { generated: opts.generated });
      for (const c of report.compatible) out(`compatible: ${formatProblem(c)}`);
      for (const p of report.problems) process.stderr.write(`error: ${formatProblem(p)}\n`);
      if (report.problems.length > 0) {
        throw new CausewayError('CONTRACT_INVALID', `${report.problems.length} problem(s) in ${report.contracts} contracts`, { problems: report.problems });
      }
      out(`contracts ok: ${report.contracts} contracts checked${report.compatible.length ? `, ${report.compatible.length} compatible change(s)` : ''}`);
    });

  contracts
    .command('release')
    .description('record the current schemas as released (contracts.lock.json); refuses while check fails')
    .option('--dir <path>', 'contracts folder (default: <workspace>/contracts)')
    .action(async (opts: { dir?: string }) => {
      const root = rootOf(opts);
      const report = await checkContracts(root, { generated: false });
      if (report.problems.length > 0) {
        for (const p of report.problems) process.stderr.write(`error: ${formatProblem(p)}\n`);
        throw new CausewayError('CONTRACT_BREAKING_CHANGE', 'cannot release while `causeway contracts check` fails', { problems: report.problems });
      }
      const { added, updated } = writeReleaseLock(root, loadContracts(root).contracts);
      out(`released ${report.contracts} contracts (${added.length} new, ${updated.length} with compatible changes)`);
    });

  return contracts;
}
