import { Query } from 'mingo';
import { isPlainObject, type Doc } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import { mingoOptions, translateMingoError } from './mingoOptions.ts';

type Tree = { [field: string]: true | Tree };

/**
 * Applies a find projection. Plain inclusion/exclusion (the common case) is done
 * here; projections with operators ($slice, $elemMatch, expressions) go to mingo.
 */
export function projectDocuments(docs: Doc[], projection: unknown): Doc[] {
  if (projection === undefined || projection === null) return docs;
  if (!isPlainObject(projection)) throw new MongoCommandError('TypeMismatch', 'projection must be an object');
  const entries = Object.entries(projection);
  if (entries.length === 0) return docs;
  if (entries.some(([k]) => k.split('.').includes('$'))) {
    throw new MongoCommandError('BadValue', 'positional projection (field.$) is not supported by devmongo');
  }
  const simple = entries.every(([, v]) => typeof v === 'number' || typeof v === 'boolean');
  if (!simple) {
    try {
      return new Query({}, mingoOptions()).find<Doc>(docs, projection).all();
    } catch (error) {
      return translateMingoError(error, 'projection');
    }
  }
  let includeId = true;
  const include: Tree = {};
  const exclude: Tree = {};
  for (const [field, flag] of entries) {
    const on = flag === true || (typeof flag === 'number' && flag !== 0);
    if (field === '_id') {
      includeId = on;
      continue;
    }
    addPath(on ? include : exclude, field.split('.'));
  }
  const inclusive = Object.keys(include).length > 0;
  if (inclusive && Object.keys(exclude).length > 0) {
    throw new MongoCommandError('Location31254', 'Cannot do exclusion on field in inclusion projection');
  }
  if (inclusive) {
    if (includeId) include._id = true;
    return docs.map((doc) => pick(doc, include));
  }
  if (!includeId) exclude._id = true;
  return docs.map((doc) => omit(doc, exclude));
}

function addPath(tree: Tree, path: string[]): void {
  let node = tree;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string;
    if (i === path.length - 1) node[segment] = true;
    else {
      const child = node[segment];
      if (child === true) return;
      node = node[segment] = child ?? {};
    }
  }
}

function pick(doc: Doc, tree: Tree): Doc {
  const out: Doc = {};
  for (const [field, value] of Object.entries(doc)) {
    const rule = tree[field];
    if (rule === undefined || value === undefined) continue;
    if (rule === true) out[field] = value;
    else if (Array.isArray(value)) out[field] = value.filter(isPlainObject).map((v) => pick(v, rule));
    else if (isPlainObject(value)) out[field] = pick(value, rule);
  }
  return out;
}

function omit(doc: Doc, tree: Tree): Doc {
  const out: Doc = {};
  for (const [field, value] of Object.entries(doc)) {
    const rule = tree[field];
    if (rule === true) continue;
    if (rule === undefined) out[field] = value;
    else if (Array.isArray(value)) out[field] = value.map((v) => (isPlainObject(v) ? omit(v, rule) : v));
    else if (isPlainObject(value)) out[field] = omit(value, rule);
    else out[field] = value;
  }
  return out;
}
