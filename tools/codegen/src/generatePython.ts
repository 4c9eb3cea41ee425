import type { ContractSource } from './ContractSource.ts';
import { GENERATED_HEADER, versionedName } from './names.ts';
import { buildTypeModel, type Declaration, type TypeRef } from './typeModel.ts';

const KEYWORDS = new Set(['from', 'class', 'def', 'import', 'global', 'pass', 'return', 'in', 'is', 'not', 'and', 'or', 'type']);

function py(t: TypeRef): string {
  switch (t.kind) {
    case 'string':
      return 'str';
    case 'integer':
      return 'int';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
    case 'null':
      return 'None';
    case 'any':
      return 'Any';
    case 'ref':
      return JSON.stringify(t.name);
    case 'array':
      return `List[${py(t.items)}]`;
    case 'map':
      return `Dict[str, ${py(t.values)}]`;
    case 'enum':
      return `Literal[${t.values.map((v) => JSON.stringify(v)).join(', ')}]`;
    case 'const':
      return `Literal[${JSON.stringify(t.value)}]`;
    case 'union':
      return `Union[${t.members.map(py).join(', ')}]`;
    case 'nullable':
      return `Optional[${py(t.inner)}]`;
  }
}

function declaration(d: Declaration): string[] {
  const doc = d.description ? [`    """${d.description.replace(/"""/g, "'''")}"""`] : [];
  if (d.kind === 'alias') return [`${d.name} = ${py(d.type)}`, ...(d.description ? [`"""${d.description.replace(/"""/g, "'''")}"""`] : []), ''];
  const needsFunctional = d.fields.some((f) => KEYWORDS.has(f.name) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(f.name));
  if (needsFunctional) {
    // Field names that are Python keywords (e.g. JSON Patch's "from") need the functional TypedDict form.
    const entries = d.fields.map((f) => `${JSON.stringify(f.name)}: ${f.required ? py(f.type) : `NotRequired[${py(f.type)}]`}`);
    return [`${d.name} = TypedDict(${JSON.stringify(d.name)}, {${entries.join(', ')}})`, ''];
  }
  const fields = d.fields.map((f) => `    ${f.name}: ${f.required ? py(f.type) : `NotRequired[${py(f.type)}]`}`);
  return [`class ${d.name}(TypedDict):`, ...doc, ...(fields.length ? fields : ['    pass']), '', ''];
}

const PRELUDE = ['from typing import Any, Dict, List, Literal, NotRequired, Optional, TypedDict, Union', ''];

/**
 * Python TypedDicts (3.11+), one module per context plus `shared.py`, so a
 * component written in Python reads and writes the same shapes.
 */
export function generatePython(contracts: readonly ContractSource[]): Map<string, string> {
  const model = buildTypeModel(contracts, versionedName);
  const files = new Map<string, string>();
  const head = [`# ${GENERATED_HEADER}`, ''];
  const sharedNames = model.shared.map((d) => d.name);
  files.set('python/causeway_contracts/shared.py', [...head, ...PRELUDE, '', ...model.shared.flatMap(declaration)].join('\n').trimEnd() + '\n');
  const contexts = [...model.contexts.keys()].sort();
  for (const ctx of contexts) {
    const decls = model.contexts.get(ctx) ?? [];
    const imports = sharedNames.length ? [`from .shared import ${sharedNames.join(', ')}  # noqa: F401`, ''] : [];
    files.set(`python/causeway_contracts/${ctx}.py`, [...head, ...PRELUDE, ...imports, '', ...decls.flatMap(declaration)].join('\n').trimEnd() + '\n');
  }
  const ids = contracts.map((c) => `    ${JSON.stringify(c.type + '@' + c.version)}: ${JSON.stringify(c.id)},`);
  files.set(
    'python/causeway_contracts/__init__.py',
    [
      ...head,
      `from . import ${['shared', ...contexts].join(', ')}  # noqa: F401`,
      '',
      '# "<Type>@<N>" -> contract id',
      'CONTRACT_IDS = {',
      ...ids,
      '}',
      '',
    ].join('\n'),
  );
  return files;
}
