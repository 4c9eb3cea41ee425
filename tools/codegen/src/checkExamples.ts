import { describeIssues } from '@causeway/validation';
import type { ContractProblem } from './ContractProblem.ts';
import type { ContractSource } from './ContractSource.ts';
import type { AjvInstance } from './createAjv.ts';

/** Every contract has at least one example, and every example validates. */
export function checkExamples(contracts: readonly ContractSource[], ajv: AjvInstance): ContractProblem[] {
  const problems: ContractProblem[] = [];
  for (const c of contracts) {
    const examples = c.schema.examples;
    if (!Array.isArray(examples) || examples.length === 0) {
      problems.push({ schema: c.id, pointer: '/examples', rule: 'examples/missing', message: 'a contract needs at least one valid example' });
      continue;
    }
    let validate;
    try {
      validate = ajv.getSchema(c.id);
    } catch (error) {
      // ajv compiles lazily: a schema it cannot compile surfaces here, per contract.
      problems.push({ schema: c.id, pointer: '', rule: 'schema/invalid', message: (error as Error).message });
      continue;
    }
    examples.forEach((example, i) => {
      if (validate && !validate(example)) {
        for (const issue of describeIssues(validate.errors)) {
          problems.push({ schema: c.id, pointer: `/examples/${i}`, rule: 'examples/invalid', message: issue.message });
        }
      }
    });
  }
  return problems;
}
