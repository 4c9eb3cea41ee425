import { checkExamples } from './checkExamples.ts';
import { checkNaming } from './checkNaming.ts';
import { checkUpcasters } from './checkUpcasters.ts';
import { compareSchemas, type SchemaChange } from './compareSchemas.ts';
import type { ContractProblem } from './ContractProblem.ts';
import { createAjv } from './createAjv.ts';
import { renderGenerated, staleGenerated } from './generateContracts.ts';
import { loadContracts } from './loadContracts.ts';
import { readReleaseLock } from './releaseLock.ts';

export interface CheckReport {
  readonly contracts: number;
  /** Everything that fails the check. */
  readonly problems: readonly ContractProblem[];
  /** Compatible differences against released versions: reported, not failing. */
  readonly compatible: readonly ContractProblem[];
}

export interface CheckOptions {
  /** Also verify the generated files are what generation would write (default true). */
  readonly generated?: boolean;
}

/**
 * The whole contract check: structure and naming, examples, evolution against
 * the release lock, upcasters, and (optionally) stale generated output.
 */
export async function checkContracts(root: string, options: CheckOptions = {}): Promise<CheckReport> {
  const { contracts, strays } = loadContracts(root);
  const problems: ContractProblem[] = [...checkNaming(contracts, strays)];
  const compatible: ContractProblem[] = [];
  let ajv;
  try {
    ajv = createAjv(contracts);
  } catch (error) {
    return {
      contracts: contracts.length,
      problems: [...problems, { schema: '(all)', pointer: '', rule: 'schema/invalid', message: (error as Error).message }],
      compatible,
    };
  }
  problems.push(...checkExamples(contracts, ajv));

  const lock = readReleaseLock(root);
  const current = new Map(contracts.map((c) => [c.id, c]));
  for (const [id, released] of Object.entries(lock)) {
    const now = current.get(id);
    if (!now) {
      problems.push({ schema: id, pointer: '', rule: 'removed-schema', message: 'a released contract was deleted; stored messages still use it' });
      continue;
    }
    const changes: SchemaChange[] = compareSchemas(released.schema, now.bundled);
    for (const change of changes) {
      const p = { schema: id, pointer: change.pointer, rule: change.rule, message: change.message };
      if (change.breaking)
        problems.push({
          ...p,
          message: `${change.message} (breaking change to a released contract: add ${now.type}.v${now.version + 1} with an upcaster instead)`,
        });
      else compatible.push(p);
    }
  }
  problems.push(...(await checkUpcasters(root, contracts, ajv)));

  if (options.generated !== false && problems.length === 0) {
    for (const s of staleGenerated(root, await renderGenerated(contracts))) {
      problems.push({
        schema: s.file,
        pointer: '',
        rule: 'generated/stale',
        message: `generated file is ${s.problem}; run \`causeway contracts generate\` and commit the result`,
      });
    }
  }
  return { contracts: contracts.length, problems, compatible };
}
