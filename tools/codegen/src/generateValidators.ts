import standaloneModule from 'ajv/dist/standalone/index.js';
import { CausewayError } from '@causeway/errors';
import type { ContractSource } from './ContractSource.ts';
import { createAjv } from './createAjv.ts';
import { GENERATED_HEADER, validatorName } from './names.ts';

const standaloneCode = standaloneModule.default;

// ajv runtime modules → the same helper in @causeway/validation's validatorRuntime.
const RUNTIME_HELPERS: Record<string, string> = {
  'ajv/dist/runtime/ucs2length': 'ucs2length',
  'ajv/dist/runtime/equal': 'equal',
};

/**
 * Precompiles every contract into one ESM module of plain functions, so no
 * schema is compiled at run time. ajv's ESM output still emits `require()` for
 * its few runtime helpers; those become imports here.
 */
export function generateValidators(contracts: readonly ContractSource[]): { js: string; dts: string } {
  const ajv = createAjv(contracts, true);
  const exportsMap: Record<string, string> = {};
  for (const c of contracts) exportsMap[validatorName(c)] = c.id;
  let code = standaloneCode(ajv, exportsMap);
  code = code.replace(/require\("([^"]+)"\)\.default/g, (_all, spec: string) => {
    const helper = RUNTIME_HELPERS[spec];
    if (!helper) throw new CausewayError('CONTRACT_INVALID', `validators need ajv runtime ${spec}, which has no ESM equivalent in @causeway/validation yet`);
    return `validatorRuntime.${helper}`;
  });
  if (/require\(/.test(code)) throw new CausewayError('CONTRACT_INVALID', 'generated validators still contain require(); extend RUNTIME_HELPERS');
  const imports = code.includes('validatorRuntime.') ? ["import { validatorRuntime } from '@causeway/validation';"] : [];
  code = code.replace(/^"use strict";/, '');
  const js = [`// ${GENERATED_HEADER}`, '/* eslint-disable */', ...imports, code.trim(), ''].join('\n');
  const dts = [
    `// ${GENERATED_HEADER}`,
    "import type { RawValidationError } from '@causeway/validation';",
    '',
    '/** A precompiled validator: true when valid; otherwise `errors` holds every violation. */',
    'export interface CompiledValidator {',
    '  (data: unknown): boolean;',
    '  errors?: RawValidationError[] | null;',
    '}',
    '',
    ...contracts.map((c) => `export declare const ${validatorName(c)}: CompiledValidator;`),
    '',
  ].join('\n');
  return { js, dts };
}
