import type { ContractSource } from './ContractSource.ts';
import { GENERATED_HEADER, versionedName } from './names.ts';
import { buildTypeModel, type Declaration, type TypeRef } from './typeModel.ts';

const exported = (s: string) => s.replace(/(^|[_-])([a-zA-Z])/g, (_m, _p, c: string) => c.toUpperCase()).replace(/Id$/, 'ID');

function go(t: TypeRef): string {
  switch (t.kind) {
    case 'string':
    case 'enum':
    case 'const':
      return 'string';
    case 'integer':
      return 'int64';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'null':
    case 'any':
    case 'union':
      // Go has no sum types: the raw JSON lets the caller decode the variant it expects.
      return 'json.RawMessage';
    case 'ref':
      return t.name;
    case 'array':
      return `[]${go(t.items)}`;
    case 'map':
      return `map[string]${go(t.values)}`;
    case 'nullable':
      return go(t.inner).startsWith('json.') ? go(t.inner) : `*${go(t.inner)}`;
  }
}

function declaration(d: Declaration): string[] {
  const doc = d.description ? [`// ${d.name}: ${d.description}`] : [];
  if (d.kind === 'alias') return [...doc, `type ${d.name} = ${go(d.type)}`, ''];
  const fields = d.fields.map((f) => {
    const base = go(f.type);
    const optional = !f.required && !base.startsWith('*') && !base.startsWith('[]') && !base.startsWith('map[') && !base.startsWith('json.');
    const type = optional ? `*${base}` : base;
    const enumNote = f.type.kind === 'enum' ? ` // one of: ${f.type.values.join(', ')}` : '';
    return `\t${exported(f.name)} ${type} \`json:"${f.name}${f.required ? '' : ',omitempty'}"\`${enumNote}`;
  });
  return [...doc, `type ${d.name} struct {`, ...fields, '}', ''];
}

/**
 * Go structs with json tags, one file per context in package `contracts`,
 * shared definitions once in `shared.go`. Optional fields are pointers.
 */
export function generateGo(contracts: readonly ContractSource[]): Map<string, string> {
  const model = buildTypeModel(contracts, versionedName);
  const files = new Map<string, string>();
  const file = (decls: readonly Declaration[]) => {
    const body = decls.flatMap(declaration);
    const usesJson = body.some((l) => l.includes('json.RawMessage'));
    return [`// ${GENERATED_HEADER}`, '', 'package contracts', '', ...(usesJson ? ['import "encoding/json"', ''] : []), ...body].join('\n');
  };
  files.set('go/contracts/shared.go', file(model.shared));
  for (const ctx of [...model.contexts.keys()].sort()) files.set(`go/contracts/${ctx}.go`, file(model.contexts.get(ctx) ?? []));
  files.set('go/go.mod', 'module causeway/contracts\n\ngo 1.21\n');
  return files;
}
