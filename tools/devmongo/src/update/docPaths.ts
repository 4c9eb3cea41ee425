import { isPlainObject, type Doc } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';

function describe(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/** Writes `value` at a concrete path, creating objects on the way like the server; never creates through scalars. */
export function setAt(doc: Doc, path: readonly string[], value: unknown): void {
  let node: unknown = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i] as string;
    const next = childOf(node, segment, path);
    if (next === undefined || next === null) {
      const created: Doc = {};
      assign(node, segment, created, path);
      node = created;
    } else if (typeof next !== 'object' || !(Array.isArray(next) || isPlainObject(next))) {
      throw new MongoCommandError('PathNotViable', `Cannot create field '${path[i + 1]}' in element {${segment}: ${JSON.stringify(next)}}`);
    } else node = next;
  }
  assign(node, path[path.length - 1] as string, value, path);
}

export function getAt(doc: Doc, path: readonly string[]): unknown {
  let node: unknown = doc;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? (/^\d+$/.test(segment) ? node[Number(segment)] : undefined) : (node as Doc)[segment];
  }
  return node;
}

/** Removes a field; inside an array the element becomes null, as on the server. */
export function unsetAt(doc: Doc, path: readonly string[]): void {
  const parent = getAt(doc, path.slice(0, -1));
  const last = path[path.length - 1] as string;
  if (Array.isArray(parent)) {
    if (/^\d+$/.test(last) && Number(last) < parent.length) parent[Number(last)] = null;
  } else if (isPlainObject(parent)) delete parent[last];
}

function childOf(node: unknown, segment: string, path: readonly string[]): unknown {
  if (Array.isArray(node)) {
    if (!/^\d+$/.test(segment)) {
      throw new MongoCommandError('PathNotViable', `Cannot create field '${segment}' in element {${path.join('.')}: array}`);
    }
    return node[Number(segment)];
  }
  return (node as Doc)[segment];
}

function assign(node: unknown, segment: string, value: unknown, path: readonly string[]): void {
  if (Array.isArray(node)) {
    if (!/^\d+$/.test(segment)) {
      throw new MongoCommandError('PathNotViable', `Cannot create field '${segment}' in element of array at '${path.join('.')}'`);
    }
    const at = Number(segment);
    while (node.length < at) node.push(null);
    node[at] = value;
    return;
  }
  if (!isPlainObject(node)) {
    throw new MongoCommandError('PathNotViable', `Cannot create field '${segment}' in a ${describe(node)}`);
  }
  node[segment] = value;
}
