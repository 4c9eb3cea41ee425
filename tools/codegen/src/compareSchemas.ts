import type { JsonSchema } from './ContractSource.ts';

/** One difference between a released schema and its current text. */
export interface SchemaChange {
  readonly pointer: string;
  readonly rule: string;
  readonly breaking: boolean;
  readonly message: string;
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);
const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const types = (n: Node): string[] | undefined =>
  n.type === undefined
    ? undefined
    : (Array.isArray(n.type) ? n.type.map(String) : [String(n.type)]).flatMap((t) => (t === 'number' ? ['number', 'integer'] : [t]));

// Keywords that only annotate: changing them never breaks a reader or writer.
const ANNOTATIONS = new Set(['title', 'description', 'examples', '$comment', 'default', 'deprecated', '$schema']);
// Keywords compared by the rules below; anything else changed is treated as breaking.
const HANDLED = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'enum',
  'const',
  'format',
  'pattern',
  'items',
  'oneOf',
  'anyOf',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  '$ref',
  'definitions',
  '$id',
]);
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems'] as const;
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems'] as const;

/**
 * Classifies every difference between a released schema and the current one.
 * The question is whether data valid under the released version stays valid
 * (consumers and stored events rely on it): anything that accepts less is
 * breaking, anything that only accepts more or re-words is compatible.
 * Both schemas are bundled, so `$ref`s are resolved through `definitions`.
 */
export function compareSchemas(released: JsonSchema, current: JsonSchema): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const add = (pointer: string, rule: string, breaking: boolean, message: string) => changes.push({ pointer, rule, breaking, message });
  const resolve = (root: JsonSchema, node: Node, depth = 0): Node => {
    const ref = node.$ref;
    if (typeof ref !== 'string' || depth > 20) return node;
    const m = /^#\/definitions\/(.+)$/.exec(ref);
    const target = m ? (root.definitions as Record<string, unknown> | undefined)?.[m[1] as string] : undefined;
    if (!isNode(target)) return node;
    const { $ref: _r, ...siblings } = node;
    return resolve(root, { ...target, ...siblings }, depth + 1);
  };

  const walk = (oldRaw: Node, newRaw: Node, at: string, depth: number) => {
    if (depth > 40) return;
    const o = resolve(released, oldRaw);
    const n = resolve(current, newRaw);

    const ot = types(o);
    const nt = types(n);
    if (ot && nt) {
      const lost = ot.filter((t) => !nt.includes(t));
      if (lost.length) add(`${at}/type`, 'narrowed-type', true, `type no longer accepts ${lost.join(', ')}`);
      else if (!same(ot, nt)) add(`${at}/type`, 'widened-type', false, `type now also accepts ${nt.filter((t) => !ot.includes(t)).join(', ')}`);
    } else if (!ot && nt) add(`${at}/type`, 'narrowed-type', true, `type restricted to ${nt.join(', ')}`);

    if (Array.isArray(o.enum) || Array.isArray(n.enum)) {
      if (!Array.isArray(n.enum)) add(`${at}/enum`, 'widened-enum', false, 'enum removed');
      else if (!Array.isArray(o.enum)) add(`${at}/enum`, 'narrowed-enum', true, `values restricted to ${JSON.stringify(n.enum)}`);
      else {
        const removed = o.enum.filter((v) => !(n.enum as unknown[]).some((w) => same(v, w)));
        const added = n.enum.filter((v) => !(o.enum as unknown[]).some((w) => same(v, w)));
        if (removed.length) add(`${at}/enum`, 'narrowed-enum', true, `enum no longer allows ${JSON.stringify(removed)}`);
        if (added.length) add(`${at}/enum`, 'widened-enum', false, `enum now also allows ${JSON.stringify(added)}`);
      }
    }
    if (!same(o.const, n.const)) {
      add(
        `${at}/const`,
        n.const === undefined ? 'removed-const' : 'changed-const',
        n.const !== undefined,
        `const ${JSON.stringify(o.const)} → ${JSON.stringify(n.const)}`,
      );
    }
    if (o.format !== n.format) {
      if (n.format === undefined) add(`${at}/format`, 'removed-format', false, `format ${String(o.format)} dropped`);
      else
        add(`${at}/format`, 'changed-format', true, `format ${o.format === undefined ? 'added' : `changed from ${String(o.format)}`} to ${String(n.format)}`);
    }
    if (o.pattern !== n.pattern) {
      if (n.pattern === undefined) add(`${at}/pattern`, 'removed-pattern', false, 'pattern dropped');
      else
        add(
          `${at}/pattern`,
          'changed-pattern',
          true,
          `pattern ${o.pattern === undefined ? 'added' : `changed from ${String(o.pattern)}`} to ${String(n.pattern)}`,
        );
    }
    for (const k of LOWER_BOUNDS) {
      const a = o[k] as number | undefined;
      const b = n[k] as number | undefined;
      if (a === b) continue;
      if (b !== undefined && (a === undefined || b > a)) add(`${at}/${k}`, 'tightened-bound', true, `${k} raised from ${a ?? 'none'} to ${b}`);
      else add(`${at}/${k}`, 'loosened-bound', false, `${k} lowered from ${a} to ${b ?? 'none'}`);
    }
    for (const k of UPPER_BOUNDS) {
      const a = o[k] as number | undefined;
      const b = n[k] as number | undefined;
      if (a === b) continue;
      if (b !== undefined && (a === undefined || b < a)) add(`${at}/${k}`, 'tightened-bound', true, `${k} lowered from ${a ?? 'none'} to ${b}`);
      else add(`${at}/${k}`, 'loosened-bound', false, `${k} raised from ${a} to ${b ?? 'none'}`);
    }

    const op = (o.properties as Record<string, Node> | undefined) ?? {};
    const np = (n.properties as Record<string, Node> | undefined) ?? {};
    const oReq = new Set((o.required as string[] | undefined) ?? []);
    const nReq = new Set((n.required as string[] | undefined) ?? []);
    const removedProps = Object.keys(op).filter((k) => !(k in np));
    const addedProps = Object.keys(np).filter((k) => !(k in op));
    for (const k of removedProps) {
      const renamedTo = addedProps.find((a) => same(resolve(current, np[a] as Node), resolve(released, op[k] as Node)));
      if (renamedTo) add(`${at}/properties/${esc(k)}`, 'renamed-property', true, `property "${k}" renamed to "${renamedTo}"`);
      else add(`${at}/properties/${esc(k)}`, 'removed-property', true, `property "${k}" removed`);
    }
    for (const k of addedProps) {
      if (nReq.has(k)) add(`${at}/required`, 'new-required-property', true, `new property "${k}" is required`);
      else if (o.additionalProperties === false || o.properties !== undefined)
        add(`${at}/properties/${esc(k)}`, 'added-optional-property', false, `optional property "${k}" added`);
    }
    for (const k of Object.keys(np)) {
      if (k in op) {
        if (nReq.has(k) && !oReq.has(k)) add(`${at}/required`, 'now-required', true, `property "${k}" became required`);
        if (!nReq.has(k) && oReq.has(k)) add(`${at}/required`, 'now-optional', false, `property "${k}" became optional`);
        walk(op[k] as Node, np[k] as Node, `${at}/properties/${esc(k)}`, depth + 1);
      }
    }
    const oAdd = o.additionalProperties;
    const nAdd = n.additionalProperties;
    if (!same(oAdd, nAdd)) {
      const oOpen = oAdd === undefined || oAdd === true;
      const nOpen = nAdd === undefined || nAdd === true;
      if (oOpen && !nOpen)
        add(`${at}/additionalProperties`, 'tightened-additional-properties', true, 'additionalProperties tightened: unknown properties no longer accepted');
      else if (!oOpen && nOpen) add(`${at}/additionalProperties`, 'loosened-additional-properties', false, 'additionalProperties loosened');
      else if (isNode(oAdd) && isNode(nAdd)) walk(oAdd, nAdd, `${at}/additionalProperties`, depth + 1);
      else add(`${at}/additionalProperties`, 'changed-additional-properties', true, 'additionalProperties changed');
    }

    if (isNode(o.items) && isNode(n.items)) walk(o.items, n.items, `${at}/items`, depth + 1);
    else if (!same(o.items, n.items)) add(`${at}/items`, 'changed-items', true, 'items changed');

    for (const k of ['oneOf', 'anyOf'] as const) {
      const ov = o[k] as Node[] | undefined;
      const nv = n[k] as Node[] | undefined;
      if (same(ov, nv)) continue;
      if (!nv) {
        add(`${at}/${k}`, `removed-${k}`, false, `${k} removed`);
        continue;
      }
      if (!ov) {
        add(`${at}/${k}`, `added-${k}`, true, `${k} added`);
        continue;
      }
      // Each released variant must survive unchanged somewhere in the new list.
      const lost = ov.filter((v) => !nv.some((w) => same(resolve(released, v), resolve(current, w))));
      if (lost.length) ov.forEach((v, i) => nv[i] && !same(v, nv[i]) && walk(v, nv[i] as Node, `${at}/${k}/${i}`, depth + 1));
      if (lost.length && !changes.some((c) => c.pointer.startsWith(`${at}/${k}/`) && c.breaking))
        add(`${at}/${k}`, `narrowed-${k}`, true, `${lost.length} variant(s) of ${k} removed or changed`);
      if (!lost.length) add(`${at}/${k}`, `widened-${k}`, false, `${k} gained ${nv.length - ov.length} variant(s)`);
    }

    for (const key of new Set([...Object.keys(o), ...Object.keys(n)])) {
      if (HANDLED.has(key) || ANNOTATIONS.has(key)) continue;
      if (!same(o[key], n[key])) add(`${at}/${esc(key)}`, 'changed-keyword', true, `keyword ${key} changed; Causeway cannot prove it compatible`);
    }
  };

  if (released.$id !== current.$id) add('/$id', 'changed-id', true, `$id changed from ${String(released.$id)} to ${String(current.$id)}`);
  walk(released, current, '', 0);
  return changes;
}
