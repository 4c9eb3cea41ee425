import type { ContractSource } from './ContractSource.ts';
import { latestVersions } from './loadContracts.ts';
import { GENERATED_HEADER, validatorName, versionedName } from './names.ts';

/**
 * The typed registry: every contract with its kind, context, bundled schema
 * and precompiled validator; the latest version per type; and the upcasters
 * that lift older versions. `MessageDataMap` maps each type name to its
 * latest data type so producers get checked payloads.
 */
export function generateRegistry(contracts: readonly ContractSource[]): string {
  const latest = latestVersions(contracts);
  const validators = contracts.map(validatorName).join(',\n  ');
  const upcasters = contracts.filter((c) => c.upcasterFile !== undefined);
  const lines = [
    `// ${GENERATED_HEADER}`,
    "import type { ContractEntry } from '../src/ContractEntry.ts';",
    `import {\n  ${validators},\n} from './validators.js';`,
    ...upcasters.map((c) => `import upcast${versionedName(c)} from '../${(c.upcasterFile as string).replace(/\.ts$/, '.ts')}';`),
    `import type {\n  ${[...latest.values()].map((c) => versionedName(c)).join(',\n  ')},\n} from './types.ts';`,
    '',
    '/** Every contract, by id (`<context>/<Type>@<N>`), sorted by id. */',
    'export const contractEntries: readonly ContractEntry[] = [',
  ];
  for (const c of contracts) {
    lines.push(
      '  {',
      `    id: ${JSON.stringify(c.id)},`,
      `    type: ${JSON.stringify(c.type)},`,
      `    version: ${c.version},`,
      `    kind: ${JSON.stringify(c.kind)},`,
      `    context: ${JSON.stringify(c.context)},`,
      `    latest: ${latest.get(c.type) === c},`,
      `    validate: ${validatorName(c)},`,
      c.upcasterFile ? `    upcastFromPrevious: upcast${versionedName(c)} as (data: unknown) => unknown,` : '    upcastFromPrevious: undefined,',
      `    schema: ${JSON.stringify(c.bundled)},`,
      '  },',
    );
  }
  lines.push('];', '');
  const messages = [...latest.values()].filter((c) => c.kind !== 'envelope');
  lines.push('/** Type name → data type of its latest version. */', 'export interface MessageDataMap {');
  for (const c of messages) lines.push(`  ${c.type}: ${versionedName(c)};`);
  lines.push('}', '');
  lines.push('/** Command type names. */');
  lines.push(`export type CommandType = ${union(messages.filter((c) => c.kind === 'command'))};`);
  lines.push('/** Event type names. */');
  lines.push(`export type EventType = ${union(messages.filter((c) => c.kind === 'event'))};`);
  lines.push('');
  return lines.join('\n');
}

function union(list: readonly ContractSource[]): string {
  return list.length === 0 ? 'never' : list.map((c) => JSON.stringify(c.type)).join(' | ');
}
