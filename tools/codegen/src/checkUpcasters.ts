import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeIssues } from '@causeway/validation';
import type { ContractProblem } from './ContractProblem.ts';
import type { ContractSource } from './ContractSource.ts';
import type { AjvInstance } from './createAjv.ts';

/**
 * A version N > 1 is how a contract breaks, so it must bring an upcaster from
 * N-1 (`<Type>.v<N>.upcast.ts`, default export). Every example of N-1 is run
 * through it and the output must validate against N: stored events of the old
 * version will be read through this function for ever.
 */
export async function checkUpcasters(root: string, contracts: readonly ContractSource[], ajv: AjvInstance): Promise<ContractProblem[]> {
  const problems: ContractProblem[] = [];
  const byKey = new Map(contracts.map((c) => [`${c.context}/${c.type}@${c.version}`, c]));
  for (const c of contracts) {
    if (c.version === 1) {
      if (c.upcasterFile)
        problems.push({ schema: c.id, pointer: '', rule: 'upcaster/unexpected', message: `${c.upcasterFile}: version 1 has nothing to upcast from` });
      continue;
    }
    const previous = byKey.get(`${c.context}/${c.type}@${c.version - 1}`);
    if (!c.upcasterFile) {
      problems.push({
        schema: c.id,
        pointer: '',
        rule: 'upcaster/missing',
        message: `a new version needs an upcaster from v${c.version - 1}: create ${c.file.replace(/\.schema\.json$/, '.upcast.ts')}`,
      });
      continue;
    }
    if (!previous) continue;
    let upcast: (data: unknown) => unknown;
    try {
      const mod = (await import(pathToFileURL(path.join(root, c.upcasterFile)).href)) as { default?: unknown };
      if (typeof mod.default !== 'function') throw new Error('its default export is not a function');
      upcast = mod.default as (data: unknown) => unknown;
    } catch (error) {
      problems.push({ schema: c.id, pointer: '', rule: 'upcaster/load', message: `${c.upcasterFile} cannot be used: ${(error as Error).message}` });
      continue;
    }
    let validate;
    try {
      validate = ajv.getSchema(c.id);
    } catch {
      continue; // already reported by checkExamples as schema/invalid
    }
    const examples = Array.isArray(previous.schema.examples) ? previous.schema.examples : [];
    for (const [i, example] of examples.entries()) {
      let output: unknown;
      try {
        output = upcast(structuredClone(example));
      } catch (error) {
        problems.push({
          schema: c.id,
          pointer: `${previous.id}/examples/${i}`,
          rule: 'upcaster/throws',
          message: `upcaster threw on example ${i} of ${previous.id}: ${(error as Error).message}`,
        });
        continue;
      }
      if (validate && !validate(output)) {
        for (const issue of describeIssues(validate.errors)) {
          problems.push({
            schema: c.id,
            pointer: `${previous.id}/examples/${i}`,
            rule: 'upcaster/invalid-output',
            message: `upcast of example ${i} of ${previous.id} is not a valid ${c.id}: ${issue.message}`,
          });
        }
      }
    }
  }
  return problems;
}
