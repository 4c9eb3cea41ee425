import { CausewayError } from '@causeway/errors';
import type { ContractSource, JsonSchema } from './ContractSource.ts';

/**
 * A small, language-neutral picture of a schema's types, enough for the
 * Python and Go generators: they differ only in spelling.
 */
export type TypeRef =
  | { readonly kind: 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'any' }
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'array'; readonly items: TypeRef }
  | { readonly kind: 'map'; readonly values: TypeRef }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'const'; readonly value: string }
  | { readonly kind: 'union'; readonly members: readonly TypeRef[] }
  | { readonly kind: 'nullable'; readonly inner: TypeRef };

export interface Field {
  readonly name: string;
  readonly type: TypeRef;
  readonly required: boolean;
  readonly description?: string;
}

export type Declaration =
  | { readonly kind: 'struct'; readonly name: string; readonly description?: string; readonly fields: readonly Field[]; readonly open: boolean }
  | { readonly kind: 'alias'; readonly name: string; readonly description?: string; readonly type: TypeRef };

export interface TypeModel {
  /** Shared definitions, by name, in name order. */
  readonly shared: readonly Declaration[];
  /** Per context, the declarations of its messages (root types and their nested structs). */
  readonly contexts: ReadonlyMap<string, readonly Declaration[]>;
}

const pascal = (s: string) => s.replace(/(^|[_-])([a-z])/g, (_m, _p, c: string) => c.toUpperCase()).replace(/^[a-z]/, (c) => c.toUpperCase());

function convert(schema: JsonSchema, suggested: string, out: Declaration[]): TypeRef {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const m = /^#\/definitions\/(.+)$/.exec(ref);
    if (!m) throw new CausewayError('CONTRACT_INVALID', `unsupported $ref ${ref} in ${suggested}`);
    return { kind: 'ref', name: m[1] as string };
  }
  if (Array.isArray(schema.enum)) return { kind: 'enum', values: schema.enum.map(String) };
  if (schema.const !== undefined) return { kind: 'const', value: String(schema.const) };
  const variants = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(variants)) {
    const members = variants.map((v, i) => convert(v, typeof v.title === 'string' ? v.title : `${suggested}${i + 1}`, out));
    const nonNull = members.filter((m) => m.kind !== 'null');
    if (nonNull.length === 1 && members.length === 2) return { kind: 'nullable', inner: nonNull[0] as TypeRef };
    return { kind: 'union', members };
  }
  const type = schema.type;
  if (Array.isArray(type)) {
    const members = type.map((t) => convert({ ...schema, type: t }, suggested, out));
    return members.length === 2 && members.some((m) => m.kind === 'null')
      ? { kind: 'nullable', inner: members.find((m) => m.kind !== 'null') as TypeRef }
      : { kind: 'union', members };
  }
  switch (type) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: type };
    case 'array':
      return { kind: 'array', items: schema.items ? convert(schema.items as JsonSchema, `${suggested}Item`, out) : { kind: 'any' } };
    case 'object': {
      const props = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
      if (Object.keys(props).length === 0) {
        const extra = schema.additionalProperties;
        return { kind: 'map', values: typeof extra === 'object' && extra !== null ? convert(extra as JsonSchema, `${suggested}Value`, out) : { kind: 'any' } };
      }
      const name = typeof schema.title === 'string' ? schema.title : suggested;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const fields: Field[] = Object.entries(props).map(([prop, sub]) => ({
        name: prop,
        type: convert(sub, `${name}${pascal(prop)}`, out),
        required: required.has(prop),
        ...(typeof sub.description === 'string' ? { description: sub.description } : {}),
      }));
      out.push({
        kind: 'struct',
        name,
        fields,
        open: schema.additionalProperties !== false,
        ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      });
      return { kind: 'ref', name };
    }
    default:
      return { kind: 'any' };
  }
}

/** Builds the model for every contract; shared definitions are declared once. */
export function buildTypeModel(contracts: readonly ContractSource[], rootName: (c: ContractSource) => string): TypeModel {
  const shared = new Map<string, { decls: Declaration[]; json: string }>();
  const contexts = new Map<string, Declaration[]>();
  for (const c of contracts) {
    const { definitions, ...root } = c.bundled;
    for (const [name, def] of Object.entries((definitions as Record<string, JsonSchema> | undefined) ?? {})) {
      const json = JSON.stringify(def);
      const seen = shared.get(name);
      if (seen) {
        if (seen.json !== json) throw new CausewayError('CONTRACT_INVALID', `shared definition ${name} differs between contracts (seen again in ${c.file})`);
        continue;
      }
      const decls: Declaration[] = [];
      const t = convert({ ...def, title: name }, name, decls);
      if (!(t.kind === 'ref' && t.name === name)) {
        decls.push({ kind: 'alias', name, type: t, ...(typeof def.description === 'string' ? { description: def.description } : {}) });
      }
      shared.set(name, { decls, json });
    }
    const decls = contexts.get(c.context) ?? [];
    convert({ ...root, title: rootName(c) }, rootName(c), decls);
    contexts.set(c.context, decls);
  }
  const sharedDecls = [...shared.keys()].sort().flatMap((k) => (shared.get(k) as { decls: Declaration[] }).decls);
  return { shared: sharedDecls, contexts };
}
