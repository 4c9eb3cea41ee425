import AjvModule from 'ajv';
import { ajvOptions, formats } from '@causeway/validation';
import type { ContractSource } from './ContractSource.ts';

const Ajv = AjvModule.default;
export type AjvInstance = InstanceType<typeof Ajv>;

/**
 * An ajv holding every contract, by `$id`. `standalone` switches on source
 * generation (the output then compiles nothing at run time). `examples` is an
 * annotation keyword ajv must accept in strict mode.
 */
export function createAjv(contracts: readonly ContractSource[], standalone = false): AjvInstance {
  const ajv = new Ajv({ ...ajvOptions, ...(standalone ? { code: { source: true, esm: true, lines: false, optimize: true } } : {}) });
  for (const [name, pattern] of Object.entries(formats)) ajv.addFormat(name, pattern);
  for (const c of contracts) ajv.addSchema(c.bundled, c.id);
  return ajv;
}
