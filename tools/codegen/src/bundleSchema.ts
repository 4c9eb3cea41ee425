import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CausewayError } from '@causeway/errors';
import type { JsonSchema } from './ContractSource.ts';

/**
 * Message schemas share definitions (Uuid, Currency, JsonPatch…) by relative
 * file reference. Every downstream tool (ajv, json-schema-to-typescript, the
 * evolution check, other languages) wants one self-contained document, so the
 * shared files are copied under `definitions/<title>` and the references
 * rewritten to local pointers. Shared files may reference each other and use
 * local definitions of their own, which are hoisted alongside.
 */
export function bundleSchema(schema: JsonSchema, absoluteFile: string, schemaFile = absoluteFile): JsonSchema {
  const definitions: Record<string, unknown> = {};
  const loading = new Set<string>();

  const loadShared = (file: string): string => {
    const shared = JSON.parse(readFileSync(file, 'utf8')) as JsonSchema;
    const name = typeof shared.title === 'string' ? shared.title : path.basename(file).replace(/\..*$/, '');
    if (definitions[name] !== undefined || loading.has(name)) return name;
    loading.add(name);
    const { $schema: _s, $id: _i, definitions: own, ...body } = shared;
    for (const [defName, def] of Object.entries((own as Record<string, unknown> | undefined) ?? {})) {
      definitions[defName] = rewrite(def, file);
    }
    definitions[name] = rewrite(body, file);
    return name;
  };

  const rewrite = (node: unknown, fromFile: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => rewrite(item, fromFile));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) {
        const target = path.resolve(path.dirname(fromFile), value);
        try {
          out[key] = `#/definitions/${loadShared(target)}`;
        } catch (error) {
          throw new CausewayError('CONTRACT_INVALID', `${schemaFile}: cannot resolve $ref "${value}" (${(error as Error).message})`, {
            file: schemaFile,
            ref: value,
          });
        }
      } else {
        out[key] = rewrite(value, fromFile);
      }
    }
    return out;
  };

  const body = rewrite(schema, absoluteFile) as JsonSchema;
  const ownDefinitions = (body.definitions as Record<string, unknown> | undefined) ?? {};
  const merged = { ...definitions, ...ownDefinitions };
  if (Object.keys(merged).length === 0) return body;
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  return { ...body, definitions: sorted };
}
