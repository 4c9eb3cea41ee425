import { compile } from 'json-schema-to-typescript';
import type { ContractSource, JsonSchema } from './ContractSource.ts';
import { latestVersions } from './loadContracts.ts';
import { GENERATED_HEADER, versionedName } from './names.ts';

const isScalarDefinition = (def: unknown): def is JsonSchema =>
  typeof def === 'object' && def !== null && ['string', 'integer', 'number', 'boolean'].includes(String((def as JsonSchema).type));

/**
 * json-schema-to-typescript names types from titles and makes a new alias for
 * every `$ref` that carries its own description (Uuid1, Uuid2…). Scalar shared
 * definitions (Uuid, Currency, Timestamp…) read better inline as `string` with
 * the property's own doc comment, so they are inlined; object definitions stay
 * named. The root name is versioned so modules never clash.
 */
function forTypes(c: ContractSource): JsonSchema {
  const { examples: _e, $id: _id, definitions, ...rest } = c.bundled;
  const defs = (definitions as Record<string, unknown> | undefined) ?? {};
  const inline = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(inline);
    if (node === null || typeof node !== 'object') return node;
    const obj = node as JsonSchema;
    const ref = typeof obj.$ref === 'string' ? /^#\/definitions\/(.+)$/.exec(obj.$ref)?.[1] : undefined;
    const target = ref === undefined ? undefined : defs[ref];
    if (isScalarDefinition(target)) {
      const { $ref: _r, ...siblings } = obj;
      const { title: _t, ...body } = target;
      return { ...body, ...siblings };
    }
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, inline(v)]));
  };
  const kept = Object.fromEntries(
    Object.entries(defs)
      .filter(([, d]) => !isScalarDefinition(d))
      .map(([k, d]) => [k, inline(d)]),
  );
  return { ...(inline(rest) as JsonSchema), ...(Object.keys(kept).length ? { definitions: kept } : {}), title: versionedName(c) };
}

/**
 * One module per contract (shared definitions repeat per module, which keeps
 * each file self-contained), plus `types.ts` that re-exports every versioned
 * name and aliases the unversioned name to the latest version.
 */
export async function generateTypeScript(contracts: readonly ContractSource[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const c of contracts) {
    const body = await compile(forTypes(c), versionedName(c), {
      bannerComment: `// ${GENERATED_HEADER}\n// Source: ${c.file}`,
      additionalProperties: false,
      unreachableDefinitions: false,
      strictIndexSignatures: true,
      format: true,
      style: { singleQuote: true, printWidth: 120 },
      declareExternallyReferenced: true,
      cwd: '/nonexistent',
    });
    files.set(`ts/${c.context}/${versionedName(c)}.ts`, body);
  }
  const latest = latestVersions(contracts);
  const lines = [`// ${GENERATED_HEADER}`, ''];
  for (const c of contracts) lines.push(`export type { ${versionedName(c)} } from './ts/${c.context}/${versionedName(c)}.ts';`);
  lines.push('');
  for (const c of contracts) {
    if (latest.get(c.type) === c) lines.push(`export type { ${versionedName(c)} as ${c.type} } from './ts/${c.context}/${versionedName(c)}.ts';`);
  }
  lines.push('');
  files.set('types.ts', lines.join('\n'));
  return files;
}
